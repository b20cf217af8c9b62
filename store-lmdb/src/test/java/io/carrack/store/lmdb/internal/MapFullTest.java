package io.carrack.store.lmdb.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small map fills up: puts are refused with STORE_FULL, nothing is half-written, and the store reopens. */
class MapFullTest {
    private static final String TOPIC = "Full";
    private static final int MAX_PUTS = 5_000;

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    private StoreConfig config() {
        return LmdbTestSupport.config(dir, FlushMode.ASYNC_FLUSH, 1, "04", Map.of(LmdbStoreConfig.MAP_SIZE, "512k"));
    }

    @Test
    void fullMapRefusesPutsKeepsWhatWasStoredAndReopens() {
        List<PutResult> stored = new ArrayList<>();
        try (LmdbMessageStore store = LmdbTestSupport.open(config(), clock)) {
            PutResult refused = fill(store, stored);
            assertEquals(PutStatus.STORE_FULL, refused.status());
            assertEquals(-1, refused.physicalOffset());
            assertTrue(stored.size() > 10, "the map held only " + stored.size() + " messages");
            assertQueueHolds(store, stored);
            assertEquals(PutStatus.STORE_FULL, store.put(message(TOPIC, 0, TestMessages.patternBody(2048, 1), null,
                    null)).status(), "still full");
            assertEquals(stored.size(), store.maxOffset(TOPIC, 0), "refused puts take no queue offset");
        }
        try (LmdbMessageStore reopened = LmdbTestSupport.open(config(), clock)) {
            assertQueueHolds(reopened, stored);
        }
    }

    @Test
    void retentionMakesRoomAgainAndOffsetsContinue() {
        List<PutResult> stored = new ArrayList<>();
        try (LmdbMessageStore store = LmdbTestSupport.open(config(), clock)) {
            fill(store, stored);
            clock.advance(Duration.ofHours(2));
            assertTrue(store.applyRetention(true) > 0, "retention removed nothing");
            assertEquals(stored.size(), store.minOffset(TOPIC, 0));
            PutResult after = store.put(message(TOPIC, 0, "after"));
            assertEquals(PutStatus.OK, after.status(), "freed pages are reused");
            assertEquals(stored.size(), after.queueOffset());
            PutResult last = stored.get(stored.size() - 1);
            assertTrue(after.physicalOffset() >= last.physicalOffset() + last.wroteBytes(),
                    "physical offsets keep growing after retention");
        }
    }

    @Test
    void aBatchThatDoesNotFitStoresNothing() {
        List<PutResult> stored = new ArrayList<>();
        try (LmdbMessageStore store = LmdbTestSupport.open(config(), clock)) {
            for (int i = 0; i < MAX_PUTS; i++) {
                List<BrokerMessage> batch = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    batch.add(message(TOPIC, 0, TestMessages.patternBody(1024, i * 8 + k), null, "b" + i));
                }
                PutResult r = store.putBatch(batch);
                if (r.status() == PutStatus.STORE_FULL) {
                    break;
                }
                assertEquals(PutStatus.OK, r.status());
                assertEquals(stored.size() * 8L, r.queueOffset());
                stored.add(r);
            }
            assertFalse(stored.isEmpty());
            assertEquals(stored.size() * 8L, store.maxOffset(TOPIC, 0), "a refused batch leaves no message behind");
            List<StoredMessage> all = readAll(store);
            assertEquals(stored.size() * 8, all.size());
        }
    }

    @Test
    void concurrentPutsNearFullEachGetAnAnswerAndStayContiguous() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (LmdbMessageStore store = LmdbTestSupport.open(config(), clock)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int id = p;
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < MAX_PUTS; i++) {
                        PutResult r = store.put(message(TOPIC, 0, TestMessages.patternBody(700 + id * 300, i), null,
                                null));
                        if (r.status() == PutStatus.STORE_FULL) {
                            break;
                        }
                        assertEquals(PutStatus.OK, r.status());
                        ok++;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(total, store.maxOffset(TOPIC, 0));
            List<StoredMessage> all = readAll(store);
            assertEquals(total, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).queueOffset());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static PutResult fill(LmdbMessageStore store, List<PutResult> stored) {
        for (int i = 0; i < MAX_PUTS; i++) {
            PutResult r = store.put(message(TOPIC, 0, TestMessages.patternBody(1024, i), "T", "k" + i));
            if (r.status() != PutStatus.OK) {
                return r;
            }
            assertEquals(i, r.queueOffset());
            stored.add(r);
        }
        throw new AssertionError("a 512 KiB map took " + MAX_PUTS + " messages of 1 KiB");
    }

    private static void assertQueueHolds(LmdbMessageStore store, List<PutResult> stored) {
        assertEquals(stored.size(), store.maxOffset(TOPIC, 0));
        List<StoredMessage> all = readAll(store);
        assertEquals(stored.size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).queueOffset());
            assertEquals(stored.get(i).physicalOffset(), all.get(i).physicalOffset());
            assertArrayEquals(TestMessages.patternBody(1024, i), all.get(i).body());
        }
        assertEquals(1, store.queryByKey(TOPIC, "k0", 10, 0, Long.MAX_VALUE).messages().size());
    }

    static List<StoredMessage> readAll(LmdbMessageStore store) {
        List<StoredMessage> all = new ArrayList<>();
        long offset = store.minOffset(TOPIC, 0);
        long max = store.maxOffset(TOPIC, 0);
        for (int guard = 0; offset < max && guard < 10_000; guard++) {
            try (GetResult r = store.get(TOPIC, 0, offset, 64, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, r.status());
                r.messages().forEach(b -> all.add(TestMessages.decode(b)));
                offset = r.nextBeginOffset();
            }
        }
        return all;
    }
}
