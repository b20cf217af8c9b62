package io.carrack.store.lmdb.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SYNC_FLUSH commits durably (no flush thread); ASYNC_FLUSH runs a flush thread with MDB_NOSYNC or
 * MDB_NOMETASYNC. Either way an acknowledged put is readable at once and survives close and reopen.
 */
class FlushModeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"SYNC_FLUSH, nosync, false", "ASYNC_FLUSH, nosync, false", "ASYNC_FLUSH, nometasync, false",
            "ASYNC_FLUSH, nosync, true", "SYNC_FLUSH, nosync, true"})
    void putsAreReadableAtOnceAndSurviveReopen(FlushMode mode, String asyncSync, boolean writeMap) {
        StoreConfig config = LmdbTestSupport.config(dir, mode, Map.of(LmdbStoreConfig.ASYNC_SYNC, asyncSync,
                LmdbStoreConfig.WRITE_MAP, Boolean.toString(writeMap)));
        ControlledClock clock = new ControlledClock();
        try (LmdbMessageStore store = LmdbTestSupport.open(config, clock)) {
            assertEquals(mode == FlushMode.ASYNC_FLUSH, flushThreadAlive(),
                    "a flush thread runs only with ASYNC_FLUSH");
            for (int i = 0; i < 20; i++) {
                PutResult r = store.put(message("Flush", 0, "m" + i));
                assertEquals(PutStatus.OK, r.status());
                assertEquals(i + 1, store.maxOffset("Flush", 0), "readable when acknowledged");
            }
        }
        assertTrue(!flushThreadAlive(), "the flush thread ends with the store");
        try (LmdbMessageStore reopened = LmdbTestSupport.open(config, clock)) {
            assertEquals(20, reopened.maxOffset("Flush", 0));
        }
    }

    @Test
    void concurrentSyncProducersShareCommitsAndGetContiguousOffsets() throws Exception {
        StoreConfig config = LmdbTestSupport.config(dir, FlushMode.SYNC_FLUSH, Map.of());
        int producers = 4;
        int perProducer = 60;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try (LmdbMessageStore store = LmdbTestSupport.open(config, new ControlledClock())) {
            List<Future<List<PutResult>>> futures = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                futures.add(pool.submit(() -> {
                    List<PutResult> results = new ArrayList<>();
                    for (int i = 0; i < perProducer; i++) {
                        results.add(store.put(message("Sync", i % 2, "p" + id + "-" + i)));
                    }
                    return results;
                }));
            }
            Set<Long> physical = new HashSet<>();
            Set<Long> queueOffsets = new HashSet<>();
            for (Future<List<PutResult>> f : futures) {
                for (PutResult r : f.get(60, TimeUnit.SECONDS)) {
                    assertEquals(PutStatus.OK, r.status());
                    assertTrue(physical.add(r.physicalOffset()), "unique physical offset " + r);
                    queueOffsets.add(r.queueOffset());
                }
            }
            assertEquals(producers * perProducer / 2, store.maxOffset("Sync", 0));
            assertEquals(producers * perProducer / 2, store.maxOffset("Sync", 1));
            assertEquals(producers * perProducer / 2, queueOffsets.size(), "each queue hands out offsets 0..n-1");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static boolean flushThreadAlive() {
        Set<String> names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).collect(Collectors.toSet());
        return names.contains("carrack-store-lmdb-flush");
    }
}
