package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.InstantSource;

/** Configs and contexts for the LMDB store's own tests. */
final class LmdbTestSupport {
    static final int MAX_BODY = 64 * 1024;

    private LmdbTestSupport() {
    }

    /** A config with the clean service effectively off unless {@code extra} says otherwise. */
    static StoreConfig config(Path dir, FlushMode mode, int reservedHours, String deleteWhen,
                              Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(LmdbStoreConfig.CLEAN_INTERVAL_MILLIS, "3600000");
        props.put(LmdbStoreConfig.MAP_SIZE, "256m");
        props.putAll(extra);
        return new StoreConfig(dir, mode, 1024 * 1024, 20_000, MAX_BODY, 5000, 20, reservedHours, deleteWhen, 99,
                props);
    }

    static StoreConfig config(Path dir, FlushMode mode, Map<String, String> extra) {
        return config(dir, mode, 72, "04", extra);
    }

    static LmdbMessageStore open(StoreConfig config, InstantSource clock) {
        LmdbMessageStore store = LmdbMessageStore.open(new StoreContext(config, clock, MessageArrivalListener.NONE));
        store.start();
        return store;
    }
}
