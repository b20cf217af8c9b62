package io.carrack.namesrv;

import io.carrack.namesrv.internal.NamesrvRuntime;
import io.carrack.namesrv.internal.NamesrvSettings;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * An embeddable name server speaking the RocketMQ 4.x protocol: brokers register with it, clients and
 * admin tools ask it for routes.
 *
 * <pre>{@code
 * NamesrvConfig config = new NamesrvConfig();
 * config.setListenPort(0);
 * try (NameServer ns = new NameServer(config)) {
 *     ns.start();
 *     String addr = "127.0.0.1:" + ns.port();
 * }
 * }</pre>
 *
 * <p>Thread safety: all methods may be called from any thread; start at most once.
 */
public final class NameServer implements AutoCloseable {
    private final Object lifecycle = new Object();
    private final LiveNamesrvConfig live;
    private final NamesrvRuntime runtime;
    private boolean started;
    private boolean closed;

    /** A name server on the system clock. The config is validated and copied. */
    public NameServer(NamesrvConfig config) {
        this(config, InstantSource.system());
    }

    /**
     * A name server whose broker expiry follows {@code clock}.
     *
     * @throws io.carrack.common.config.ConfigException if the config is invalid
     */
    public NameServer(NamesrvConfig config, InstantSource clock) {
        NamesrvConfig c = config.copy();
        c.validate();
        this.live = new LiveNamesrvConfig(c);
        this.runtime = new NamesrvRuntime(new NamesrvSettings(c.getBindAddress(), c.getListenPort(),
                Path.of(c.getKvConfigPath()), c.getServerWorkerThreads(), c.getServerSelectorThreads(),
                c.getServerChannelMaxIdleTimeSeconds(), c.getScanNotActiveBrokerInterval(),
                c.getBrokerChannelExpiredTime()), live, clock);
    }

    /**
     * Loads the KV config and starts listening.
     *
     * @throws IllegalStateException if already started or closed, or the KV file is unreadable
     * @throws io.carrack.remoting.RemotingException if the port cannot be bound
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed || started) {
                throw new IllegalStateException(closed ? "the name server is closed" : "the name server is started");
            }
            started = true;
            runtime.start();
        }
    }

    /** The port listened on (useful with {@code listenPort=0}), or -1 before start. */
    public int port() {
        return runtime.port();
    }

    /** The current settings, including changes made by UPDATE_NAMESRV_CONFIG; a copy. */
    public NamesrvConfig config() {
        return live.current().copy();
    }

    /** Runs one broker-expiry scan now (the scan thread also runs it every interval). */
    public void scanNotActiveBrokers() {
        runtime.scanNotActiveBrokers();
    }

    /** Stops listening and releases threads; idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            runtime.close();
        }
    }
}
