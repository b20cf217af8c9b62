package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.MessageStoreCrashConformance;
import io.carrack.store.lmdb.LmdbMessageStoreProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The LMDB store against the kit's SIGKILL test (SYNC_FLUSH, a 64 MiB map). */
class LmdbSigkillTest extends MessageStoreCrashConformance {
    /** What lmdbjava needs on the class path (README.md). */
    private static final List<String> LMDB_CLASS_PATH_FLAGS = List.of("--add-opens",
            "java.base/java.nio=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED");

    @Override
    protected MessageStoreProvider provider() {
        return new LmdbMessageStoreProvider();
    }

    @Override
    protected StoreConfig config(Path rootDir) {
        return new StoreConfig(rootDir, FlushMode.SYNC_FLUSH, 1024 * 1024, 20_000, 64 * 1024, 5000, 50, 72, "04", 99,
                Map.of(LmdbStoreConfig.MAP_SIZE, "64m"));
    }

    @Override
    protected List<String> childJvmOptions() {
        return LMDB_CLASS_PATH_FLAGS;
    }
}
