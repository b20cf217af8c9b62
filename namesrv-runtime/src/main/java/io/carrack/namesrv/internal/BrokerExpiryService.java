package io.carrack.namesrv.internal;

import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.remoting.RemoteChannel;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the thread {@code carrack-namesrv-expiry}: every interval, drops brokers that have not
 * registered within the expiry time (by the route table's clock) and closes their connections.
 *
 * <p>Thread safety: {@link #scanOnce()} may be called from any thread besides the service's own.
 */
final class BrokerExpiryService extends ServiceThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerExpiryService.class);

    private final RouteTable routes;
    private final long expiryMillis;

    BrokerExpiryService(RouteTable routes, long intervalMillis, long expiryMillis) {
        super("namesrv", "expiry", intervalMillis, true);
        this.routes = routes;
        this.expiryMillis = expiryMillis;
    }

    @Override
    protected int doWork() {
        scanOnce();
        return 0; // always wait one interval before the next scan
    }

    /** One scan; returns how many broker connections were closed. */
    int scanOnce() {
        List<RemoteChannel> channels = routes.expire(expiryMillis);
        for (RemoteChannel channel : channels) {
            channel.close();
        }
        return channels.size();
    }

    @Override
    public void close() {
        if (!shutdown(Duration.ofSeconds(2))) {
            LOG.warn("{} did not stop within 2 s", name());
        }
    }
}
