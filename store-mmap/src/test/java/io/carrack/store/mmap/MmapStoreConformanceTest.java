package io.carrack.store.mmap;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.tck.MessageStoreConformance;

/** The mmap store against the storage SPI conformance kit. */
class MmapStoreConformanceTest extends MessageStoreConformance {
    @Override
    protected MessageStoreProvider provider() {
        return new MmapMessageStoreProvider();
    }
}
