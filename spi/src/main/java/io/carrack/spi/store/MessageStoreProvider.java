package io.carrack.spi.store;

import java.util.Optional;
import java.util.Set;

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

    /**
     * The keys under {@code store.<name>.} this store reads, without that prefix (for example
     * {@code indexHashSlots} for {@code store.mmap.indexHashSlots}). The broker reports any other key under
     * the prefix as unknown, naming the closest of these keys, so that a misspelt key does not silently
     * fall back to its default. Stores need not warn about unknown keys themselves.
     *
     * @return the keys read, or empty when the store does not declare them (then no key is reported);
     *         the default is empty, so stores written before this method keep working unchanged
     */
    default Optional<Set<String>> knownKeys() {
        return Optional.empty();
    }
}
