package io.carrack.spi.store;

/**
 * Entry point of a store plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>Thread safety: stateless; {@link #open} may be called from any thread.
 */
public interface MessageStoreProvider {
    /** The name broker.conf's {@code storeType} selects this store by, e.g. {@code mmap}. */
    String name();

    /**
     * Opens (creating or recovering) the store under the context's root directory. All I/O happens
     * here, not in the constructor. The returned store is ready for {@link MessageStore#start()}.
     *
     * @throws StoreException if the store cannot be opened; the message names the path or URL
     */
    MessageStore open(StoreContext context);
}
