package io.carrack.store.mmap.internal;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.tck.ControlledClock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configs and contexts for the mmap store's own tests. */
final class MmapTestSupport {
    private MmapTestSupport() {
    }

    /** Small files and a small index so that tests cross file boundaries quickly. */
    static StoreConfig config(Path dir, int logFileSize, int queueFileSize, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(MmapStoreConfig.INDEX_HASH_SLOTS, "1024");
        props.put(MmapStoreConfig.INDEX_MAX_ENTRIES, "4096");
        props.put(MmapStoreConfig.CLEAN_INTERVAL_MILLIS, "3600000");
        props.putAll(extra);
        return new StoreConfig(dir, FlushMode.ASYNC_FLUSH, logFileSize, queueFileSize, 64 * 1024, 5000, 50, 72, "04",
                99, props);
    }

    static StoreConfig config(Path dir, int logFileSize) {
        return config(dir, logFileSize, 20 * 100, Map.of());
    }

    static StoreContext context(StoreConfig config, ControlledClock clock) {
        return new StoreContext(config, clock, MessageArrivalListener.NONE);
    }
}
