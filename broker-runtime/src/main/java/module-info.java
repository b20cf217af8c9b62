/**
 * The broker: the RocketMQ 4.x broker protocol over a pluggable store. Finds its store
 * ({@code storeType}) and filter providers with ServiceLoader; requires no store or filter module.
 * Exports only {@code io.carrack.broker}: {@link io.carrack.broker.Broker} to embed one,
 * {@link io.carrack.broker.BrokerConfig}, and {@link io.carrack.broker.BrokerStartup} (mqbroker).
 */
module io.carrack.broker {
    requires io.carrack.common;
    requires io.carrack.remoting;
    requires io.carrack.spi;
    requires java.management;
    requires jdk.management;

    exports io.carrack.broker;

    uses io.carrack.spi.store.MessageStoreProvider;
    uses io.carrack.spi.filter.FilterProvider;
}
