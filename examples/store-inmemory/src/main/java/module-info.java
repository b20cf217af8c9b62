/**
 * An EXAMPLE store plugin, not a production store: messages are kept on the heap, written to a
 * snapshot file on a clean close and read back on the next open. A crash (kill -9, power loss, an
 * out-of-memory error) loses everything since the last open. Select it with
 * {@code storeType=inmemory}; see {@code docs/custom-store.md}.
 *
 * <p>It shows the whole contract of a store module: require the SPI, export nothing, and
 * {@code provides} the provider. The broker finds it through {@link java.util.ServiceLoader}.
 */
module io.carrack.examples.store.inmemory {
    // The SPI, and through it (requires transitive) common's message model, codec and slf4j.
    requires io.carrack.spi;

    // No exports: the broker reaches the store only through MessageStoreProvider.
    provides io.carrack.spi.store.MessageStoreProvider
            with io.carrack.examples.store.inmemory.InMemoryMessageStoreProvider;
}
