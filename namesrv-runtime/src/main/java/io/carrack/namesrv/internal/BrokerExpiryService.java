package io.carrack.namesrv.internal;

import io.carrack.remoting.RemoteChannel;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the thread {@code carrack-namesrv-expiry}: every interval, drops brokers that have not
 * registered within the expiry time and closes their connections.
 *
 * <p>Thread safety: start and close from one thread.
 */
final class BrokerExpiryService implements AutoCloseable {
    /** RocketMQ runs the first scan 5 s after start. */
    static final long FIRST_SCAN_DELAY_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerExpiryService.class);

    private final RouteTable routes;
    private final long intervalMillis;
    private final long expiryMillis;
    private ScheduledExecutorService executor;

    BrokerExpiryService(RouteTable routes, long intervalMillis, long expiryMillis) {
        this.routes = routes;
        this.intervalMillis = intervalMillis;
        this.expiryMillis = expiryMillis;
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "carrack-namesrv-expiry");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::scanOnce, Math.min(FIRST_SCAN_DELAY_MILLIS, intervalMillis),
                intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One scan; returns how many brokers were dropped. */
    int scanOnce() {
        try {
            List<RemoteChannel> channels = routes.expire(expiryMillis);
            for (RemoteChannel channel : channels) {
                channel.close();
            }
            return channels.size();
        } catch (RuntimeException e) {
            // A failed scan must not cancel the schedule.
            LOG.error("broker expiry scan failed", e);
            return 0;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("the broker expiry thread did not stop within 2 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
