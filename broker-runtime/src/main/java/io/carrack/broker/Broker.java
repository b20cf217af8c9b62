package io.carrack.broker;

import io.carrack.broker.internal.BrokerServices;
import io.carrack.broker.internal.context.BrokerContext;
import java.time.InstantSource;

/**
 * An embeddable broker: opens the store named by {@code storeType}, loads its tables, serves the
 * RocketMQ 4.x protocol on {@code listenPort} and registers with the name servers.
 *
 * <pre>{@code
 * BrokerConfig config = new BrokerConfig();
 * config.setNamesrvAddr("127.0.0.1:9876");
 * config.setListenPort(0);
 * try (Broker broker = new Broker(config)) {
 *     broker.start();
 *     int port = broker.port();
 * }
 * }</pre>
 *
 * <p>Thread safety: {@link #start()} and {@link #close()} may be called from any thread; close is
 * idempotent.
 */
public final class Broker implements AutoCloseable {
    private final BrokerServices services;

    /** A broker with the system clock. */
    public Broker(BrokerConfig config) {
        this(config, InstantSource.system());
    }

    /** A broker with a clock (tests drive delayed delivery and expiry with it). */
    public Broker(BrokerConfig config, InstantSource clock) {
        this.services = new BrokerServices(config, clock);
    }

    /**
     * Opens the store, loads the config files, binds the port, registers with the name servers and
     * starts the background services.
     *
     * @throws io.carrack.spi.store.StoreException if the store cannot be found or opened
     */
    public void start() {
        services.start();
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return services.port();
    }

    /** {@code brokerIP1:port}, the address registered with the name servers. */
    public String address() {
        return services.context().brokerAddr();
    }

    /** The live configuration. */
    public BrokerConfig config() {
        return services.context().config();
    }

    /** Internal services, for this module's tests only. */
    BrokerContext context() {
        return services.context();
    }

    /** Pulls held by long polling now, for this module's tests. */
    int heldPulls() {
        return services.heldPulls();
    }

    /** Unregisters, stops serving, persists the tables and closes the store. Idempotent. */
    @Override
    public void close() {
        services.close();
    }
}
