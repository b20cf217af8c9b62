package io.carrack.broker.internal.filtersrv;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.support.NamedThreadFactory;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filter servers of this broker: answers REGISTER_FILTER_SERVER (301, header {@code filterServerAddr};
 * response header {@code brokerName}, {@code brokerId}), lists them for REGISTER_BROKER, drops those
 * silent for 30 s, and keeps {@code filterServerNums} filter-server processes running (checked every
 * 30 s, and a replacement started soon after a child exits).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class FilterServerSupport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterServerSupport.class);
    static final long EXPIRY_MILLIS = 30_000;
    private static final long SCAN_PERIOD_MILLIS = 10_000;
    private static final long LAUNCH_PERIOD_MILLIS = 30_000;
    private static final long RESTART_DELAY_MILLIS = 1_000;

    private final BrokerContext ctx;
    private final Runnable reRegister;
    private final FilterServerTable table = new FilterServerTable();
    private FilterServerLauncher launcher;
    private ScheduledExecutorService scheduler;
    private boolean closed;

    /**
     * @param reRegister registers the broker with the name servers again (after the list changed)
     */
    public FilterServerSupport(BrokerContext ctx, Runnable reRegister) {
        this.ctx = ctx;
        this.reRegister = reRegister;
    }

    /** The processor for REGISTER_FILTER_SERVER. */
    public RequestProcessor processor() {
        return (channel, request) -> {
            String addr = request.requireField("filterServerAddr");
            if (table.register(addr, channel, ctx.clock().millis())) {
                LOG.info("filter server {} registered", addr);
                reRegister.run();
            }
            BrokerConfig config = ctx.config();
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .field("brokerName", config.getBrokerName()).field("brokerId", config.getBrokerId());
        };
    }

    /** The registered filter servers' addresses, for REGISTER_BROKER's {@code filterServerList}. */
    public List<String> addresses() {
        return table.addresses();
    }

    /** Starts the expiry scan and, with {@code filterServerNums > 0}, the filter-server processes. */
    public synchronized void start() {
        if (closed || scheduler != null) {
            return;
        }
        scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("filtersrv", true));
        scheduler.scheduleAtFixedRate(this::expire, SCAN_PERIOD_MILLIS, SCAN_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::launch, 0, LAUNCH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        try {
            List<String> dropped = table.expire(ctx.clock().millis(), EXPIRY_MILLIS);
            if (!dropped.isEmpty()) {
                LOG.warn("filter servers {} expired", dropped);
                reRegister.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("filter server expiry scan failed", e);
        }
    }

    private void launch() {
        try {
            int wanted = ctx.config().getFilterServerNums();
            if (wanted <= 0) {
                return;
            }
            FilterServerLauncher l;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (launcher == null) {
                    launcher = new FilterServerLauncher(null, ctx.brokerAddr(),
                            Path.of(ctx.config().getStorePathRootDir()).resolve("filtersrv"));
                }
                l = launcher;
            }
            expire(); // a child that just died is dropped at once: its connection is closed
            l.ensure(wanted, table.size(), this::restartSoon);
        } catch (RuntimeException e) {
            LOG.warn("starting filter servers failed", e);
        }
    }

    private synchronized void restartSoon() {
        if (!closed && scheduler != null) {
            scheduler.schedule(this::launch, RESTART_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the scans and the filter-server processes this broker started. Idempotent. */
    @Override
    public void close() {
        FilterServerLauncher l;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            l = launcher;
        }
        if (l != null) {
            l.close();
        }
    }
}
