package io.carrack.store.lmdb;

import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreContext;
import io.carrack.store.lmdb.internal.LmdbMessageStore;
import io.carrack.store.lmdb.internal.LmdbStoreConfig;
import java.util.Optional;
import java.util.Set;

/**
 * The LMDB store, {@code storeType=lmdb}: one LMDB environment under {@code storePathRootDir/lmdb} holding the
 * records in the stored layout keyed by physical offset, the consume queues and the key index.
 *
 * <p>Thread safety: stateless.
 */
public final class LmdbMessageStoreProvider implements MessageStoreProvider {
    /** The name broker.conf's {@code storeType} selects this store by. */
    public static final String NAME = "lmdb";

    /** For {@link java.util.ServiceLoader}; does no I/O. */
    public LmdbMessageStoreProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MessageStore open(StoreContext context) {
        return LmdbMessageStore.open(context);
    }

    @Override
    public Optional<Set<String>> knownKeys() {
        return Optional.of(LmdbStoreConfig.KEYS);
    }
}
