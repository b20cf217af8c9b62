package io.carrack.broker.internal.client;

import io.carrack.remoting.ChannelEventListener;
import io.carrack.remoting.RemoteChannel;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a client's registrations when its channel closes, idles or fails, and (by {@link #scan})
 * when it sent no heartbeat for {@code channelExpiredTimeout}.
 *
 * <p>Thread safety: called from I/O threads and the scheduler; never blocks.
 */
public final class ClientHousekeeping implements ChannelEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHousekeeping.class);

    private final ConsumerManager consumers;
    private final ProducerManager producers;

    public ClientHousekeeping(ConsumerManager consumers, ProducerManager producers) {
        this.consumers = consumers;
        this.producers = producers;
    }

    @Override
    public void onClose(RemoteChannel channel) {
        drop(channel);
    }

    @Override
    public void onIdle(RemoteChannel channel) {
        drop(channel);
    }

    @Override
    public void onException(RemoteChannel channel, Throwable cause) {
        drop(channel);
    }

    /** Drops channels whose last heartbeat is older than {@code expireBefore}, and closes them. */
    public void scan(long expireBefore) {
        Set<RemoteChannel> expired = new HashSet<>(consumers.expiredChannels(expireBefore));
        expired.addAll(producers.expiredChannels(expireBefore));
        for (RemoteChannel ch : expired) {
            LOG.info("client channel {} expired: no heartbeat", ch.remoteAddressText());
            drop(ch);
            ch.close();
        }
    }

    private void drop(RemoteChannel channel) {
        consumers.channelClosed(channel);
        producers.channelClosed(channel);
    }
}
