package io.carrack.examples.store.inmemory;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.tck.MessageStoreConformance;

/** The example store against the storage SPI conformance kit (spi's test-jar): the one class a store adds. */
class InMemoryStoreConformanceTest extends MessageStoreConformance {
    @Override
    protected MessageStoreProvider provider() {
        return new InMemoryMessageStoreProvider();
    }
}
