package io.carrack.store.jdbc;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.tck.MessageStoreConformance;

/** The JDBC store on its default embedded H2 database against the storage SPI conformance kit. */
class JdbcH2StoreConformanceTest extends MessageStoreConformance {
    @Override
    protected MessageStoreProvider provider() {
        return new JdbcMessageStoreProvider();
    }
}
