package io.carrack.store.mmap;

import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreContext;
import io.carrack.store.mmap.internal.MmapMessageStore;
import io.carrack.store.mmap.internal.MmapStoreConfig;
import java.util.Optional;
import java.util.Set;

/**
 * The default store, {@code storeType=mmap}: a memory-mapped commit log with consume queues and a key
 * index, in RocketMQ's file layout.
 *
 * <p>Thread safety: stateless.
 */
public final class MmapMessageStoreProvider implements MessageStoreProvider {
    /** The name broker.conf's {@code storeType} selects this store by. */
    public static final String NAME = "mmap";

    /** For {@link java.util.ServiceLoader}; does no I/O. */
    public MmapMessageStoreProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MessageStore open(StoreContext context) {
        return MmapMessageStore.open(context);
    }

    @Override
    public Optional<Set<String>> knownKeys() {
        return Optional.of(MmapStoreConfig.KEYS);
    }
}
