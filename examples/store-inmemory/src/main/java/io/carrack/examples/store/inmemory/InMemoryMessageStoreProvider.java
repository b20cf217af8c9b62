package io.carrack.examples.store.inmemory;

import io.carrack.examples.store.inmemory.internal.InMemoryMessageStore;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreContext;
import java.util.Optional;
import java.util.Set;

/**
 * The example in-memory store, {@code storeType=inmemory}. <b>An example, not a production store:</b>
 * messages live on the heap; a clean close writes them to {@code <storePathRootDir>/inmemory/snapshot.bin}
 * and the next open reads them back, but a crash loses them. Crash durability is out of scope.
 *
 * <p>broker.conf keys: {@code store.inmemory.maxBytes}, the most bytes of messages kept (default
 * 128 MiB); when full, the oldest messages are dropped, as a disk-based store drops its oldest files.
 *
 * <p>Thread safety: stateless.
 */
public final class InMemoryMessageStoreProvider implements MessageStoreProvider {
    /** The name broker.conf's {@code storeType} selects this store by. */
    public static final String NAME = "inmemory";

    /** For {@link java.util.ServiceLoader}, which needs a public no-argument constructor. Does no I/O. */
    public InMemoryMessageStoreProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MessageStore open(StoreContext context) {
        // All I/O (reading the snapshot) happens here, never in the constructor: ServiceLoader
        // instantiates every provider on the module path just to ask its name.
        return InMemoryMessageStore.open(context);
    }

    @Override
    public Optional<Set<String>> knownKeys() {
        return Optional.of(InMemoryMessageStore.KEYS);
    }
}
