/** The broker. Finds its store and filters with ServiceLoader; requires no store or filter module. */
module io.carrack.broker {
    requires io.carrack.common;
    requires io.carrack.remoting;
    requires io.carrack.spi;

    uses io.carrack.spi.store.MessageStoreProvider;
    uses io.carrack.spi.filter.FilterProvider;
}
