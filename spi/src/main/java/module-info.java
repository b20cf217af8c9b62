/**
 * Carrack's plugin contracts: the storage SPI ({@code io.carrack.spi.store}) and the filter SPI
 * ({@code io.carrack.spi.filter}). Interfaces and value types only.
 */
module io.carrack.spi {
    requires transitive io.carrack.common;

    exports io.carrack.spi.store;
    exports io.carrack.spi.filter;

    uses io.carrack.spi.store.MessageStoreProvider;
    uses io.carrack.spi.filter.FilterProvider;
}
