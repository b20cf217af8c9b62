package io.carrack.store.lmdb;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.tck.MessageStoreConformance;

/** The LMDB store against the storage SPI conformance kit. */
class LmdbStoreConformanceTest extends MessageStoreConformance {
    @Override
    protected MessageStoreProvider provider() {
        return new LmdbMessageStoreProvider();
    }
}
