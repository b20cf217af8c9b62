package io.carrack.namesrv.internal;

import io.carrack.common.lifecycle.Closeables;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingServer;
import io.carrack.remoting.ServerConfig;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the name server: route table, KV store, processors, remoting server and the expiry scan.
 * Used by {@code io.carrack.namesrv.NameServer}; not API.
 *
 * <p>Thread safety: start and close from one thread (the owner serializes them).
 */
public final class NamesrvRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvRuntime.class);

    private final NamesrvSettings settings;
    private final LiveSettings live;
    private final RouteTable routes;
    private final KvConfigStore kv;
    private final BrokerExpiryService expiry;
    private ExecutorService workers;
    private RemotingServer server;

    public NamesrvRuntime(NamesrvSettings settings, LiveSettings live, InstantSource clock) {
        this.settings = settings;
        this.live = live;
        this.routes = new RouteTable(clock);
        this.kv = new KvConfigStore(settings.kvConfigPath());
        this.expiry = new BrokerExpiryService(routes, settings.scanIntervalMillis(), settings.brokerExpiryMillis());
    }

    /**
     * Loads the KV config, binds the port and starts the expiry scan.
     *
     * @throws IllegalStateException if the KV file cannot be read
     * @throws io.carrack.remoting.RemotingException if the port cannot be bound
     */
    public void start() {
        kv.load();
        workers = newWorkers(settings.workerThreads());
        ServerConfig sc = new ServerConfig(settings.bindAddress(), settings.listenPort(), settings.selectorThreads(),
                ServerConfig.DEFAULT_MAX_FRAME_LENGTH, settings.idleSeconds(), new BrokerHousekeeper(routes));
        RemotingServer s = Remoting.newServer(sc);
        RouteRequestProcessor route = new RouteRequestProcessor(routes, kv, live::orderMessageEnable);
        for (int code : RouteRequestProcessor.CODES) {
            s.registerProcessor(code, route, workers);
        }
        KvConfigRequestProcessor kvProcessor = new KvConfigRequestProcessor(kv);
        for (int code : KvConfigRequestProcessor.CODES) {
            s.registerProcessor(code, kvProcessor, workers);
        }
        NamesrvConfigRequestProcessor configProcessor = new NamesrvConfigRequestProcessor(live);
        for (int code : NamesrvConfigRequestProcessor.CODES) {
            s.registerProcessor(code, configProcessor, workers);
        }
        server = s;
        try {
            s.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        expiry.start();
        LOG.info("name server listening on {}:{} (KV config {})", settings.bindAddress(), s.port(),
                settings.kvConfigPath());
    }

    /** The bound port, or -1 before start. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** Runs one expiry scan now, as the scan thread does. */
    public void scanNotActiveBrokers() {
        expiry.scanOnce();
    }

    @Override
    public void close() {
        ExecutorService w = workers;
        Closeables.closeAll(expiry, server, w == null ? null : () -> {
            w.shutdown();
            if (!w.awaitTermination(2, TimeUnit.SECONDS)) {
                w.shutdownNow();
            }
        });
    }

    private static ExecutorService newWorkers(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "carrack-namesrv-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
