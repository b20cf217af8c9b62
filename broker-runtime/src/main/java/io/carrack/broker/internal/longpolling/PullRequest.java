package io.carrack.broker.internal.longpolling;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.spi.filter.MessageFilter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held pull: answered once, either when a matching message arrives or when its hold time ends.
 *
 * <p>Thread safety: {@link #claim()} decides which of the racing wake-ups answers.
 */
final class PullRequest {
    final RemoteChannel channel;
    final RemotingCommand request;
    final String topic;
    final int queueId;
    final long pullFromOffset;
    final MessageFilter filter;
    private final AtomicBoolean done = new AtomicBoolean();
    volatile ScheduledFuture<?> timeout;

    PullRequest(RemoteChannel channel, RemotingCommand request, String topic, int queueId, long pullFromOffset,
                MessageFilter filter) {
        this.channel = channel;
        this.request = request;
        this.topic = topic;
        this.queueId = queueId;
        this.pullFromOffset = pullFromOffset;
        this.filter = filter;
    }

    /** True for exactly one caller. */
    boolean claim() {
        return done.compareAndSet(false, true);
    }

    boolean isDone() {
        return done.get();
    }
}
