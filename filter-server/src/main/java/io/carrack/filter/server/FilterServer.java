package io.carrack.filter.server;

import io.carrack.common.lifecycle.Closeables;
import io.carrack.filter.server.internal.BrokerRegistrar;
import io.carrack.filter.server.internal.FilterSandbox;
import io.carrack.filter.server.internal.FilterServerProcessor;
import io.carrack.filter.server.internal.SandboxLimits;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingServer;
import io.carrack.remoting.ServerConfig;
import io.carrack.remoting.protocol.RequestCode;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable filter server: serves REGISTER_MESSAGE_FILTER_CLASS (302) and class-filter pulls
 * (PULL_MESSAGE, 11) for consumers, pulls from its broker, and registers with that broker
 * (REGISTER_FILTER_SERVER, 301) every {@code registerPeriod} so the broker publishes it in the name
 * server's filter-server table.
 *
 * <pre>{@code
 * try (FilterServer fs = new FilterServer(FilterServerConfig.of("127.0.0.1:10911"))) {
 *     fs.start();
 *     String addr = fs.address();
 * }
 * }</pre>
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} may be called from any thread; close is idempotent.
 */
public final class FilterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterServer.class);
    private static final int REGISTER_THREADS = 1;
    private static final int FILTER_THREADS = 8;
    private static final int PULL_THREADS = 4;

    private final FilterServerConfig config;
    private final FilterSandbox sandbox;
    private RemotingServer server;
    private RemotingClient client;
    private ExecutorService registerExecutor;
    private ExecutorService filterExecutor;
    private ExecutorService pullExecutor;
    private ScheduledExecutorService scheduler;
    private BrokerRegistrar registrar;
    private String address;
    private boolean started;
    private boolean closed;

    public FilterServer(FilterServerConfig config) {
        this.config = config;
        this.sandbox = new FilterSandbox(new SandboxLimits(config.matchBudget(), config.loadBudget(),
                config.compileBudget(), Duration.ofSeconds(5), config.maxSourceBytes(), config.maxFilters()));
    }

    /** Binds the port, then registers with the broker now and every {@code registerPeriod}. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the filter server was already started");
        }
        started = true;
        try {
            registerExecutor = pool("register", REGISTER_THREADS, 1_000);
            filterExecutor = pool("filter", FILTER_THREADS, 10_000);
            pullExecutor = pool("pull", PULL_THREADS, 10_000);
            client = Remoting.newClient(ClientConfig.defaults());
            server = Remoting.newServer(ServerConfig.of(config.bindAddress(), config.listenPort()));
            FilterServerProcessor processor = new FilterServerProcessor(sandbox, client, config::brokerAddr,
                    filterExecutor);
            server.registerProcessor(RequestCode.REGISTER_MESSAGE_FILTER_CLASS, processor, registerExecutor);
            server.registerProcessor(RequestCode.PULL_MESSAGE, processor, pullExecutor);
            server.start();
            address = advertisedHost() + ":" + server.port();
            registrar = new BrokerRegistrar(client, config.brokerAddr(), address);
            scheduler = new ScheduledThreadPoolExecutor(1, threads("scheduler"));
            scheduler.scheduleAtFixedRate(registrar::register, 0, config.registerPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("filter server serving at {} for broker {}", address, config.brokerAddr());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The address registered with the broker, {@code host:port}; available after {@link #start()}. */
    public synchronized String address() {
        if (address == null) {
            throw new IllegalStateException("the filter server is not started");
        }
        return address;
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the filter server is not started");
        }
        return server.port();
    }

    /** The name of the broker, once it accepted a registration; else null. */
    public String brokerName() {
        BrokerRegistrar r = registrar;
        return r == null ? null : r.brokerName();
    }

    /** The settings. */
    public FilterServerConfig config() {
        return config;
    }

    private String advertisedHost() {
        if (config.advertisedHost() != null && !config.advertisedHost().isBlank()) {
            return config.advertisedHost();
        }
        String broker = config.brokerAddr();
        return broker.substring(0, broker.lastIndexOf(':'));
    }

    private ExecutorService pool(String role, int threads, int capacity) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity),
                threads(role));
    }

    private static ThreadFactory threads(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "carrack-filter-server-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops serving and registering and drops every filter. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        Closeables.closeQuietly(server);
        for (ExecutorService e : new ExecutorService[] {registerExecutor, pullExecutor, filterExecutor}) {
            if (e != null) {
                e.shutdownNow();
            }
        }
        Closeables.closeQuietly(client);
        sandbox.close();
        LOG.info("filter server {} stopped", address);
    }
}
