package io.carrack.store.mmap.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.Await;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key index: collisions in one slot, several index files, time ranges, reopen. */
class IndexTest {
    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    @Test
    void collisionsAndSeveralFilesStillAnswerExactly() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, 64 * 1024, 2000,
                Map.of(MmapStoreConfig.INDEX_HASH_SLOTS, "1", MmapStoreConfig.INDEX_MAX_ENTRIES, "16"));
        long t0 = clock.millis();
        try (MmapMessageStore store = open(config)) {
            for (int i = 0; i < 40; i++) {
                clock.set(t0 + i * 100L);
                store.put(message("Idx", i % 4, ("m" + i).getBytes(StandardCharsets.UTF_8), null,
                        "k" + (i % 5) + " all"));
            }
            store.put(message("Other", 0, "o".getBytes(StandardCharsets.UTF_8), null, "all"));
            Await.until("indexed", () -> store.queryByKey("Other", "all", 10, 0, Long.MAX_VALUE).messages().size() == 1);

            assertEquals(List.of("m35", "m30", "m25", "m20", "m15", "m10", "m5", "m0"),
                    bodies(store.queryByKey("Idx", "k0", 100, 0, Long.MAX_VALUE)));
            assertEquals(List.of("m39", "m38", "m37"), bodies(store.queryByKey("Idx", "all", 3, 0, Long.MAX_VALUE)));
            assertEquals(List.of("m15", "m10"), bodies(store.queryByKey("Idx", "k0", 100, t0 + 1000, t0 + 1500)));
            assertEquals(40, store.queryByKey("Idx", "all", 100, 0, Long.MAX_VALUE).messages().size());
        }
        try (Stream<Path> s = Files.list(dir.resolve("index"))) {
            assertTrue(s.count() >= 5, "80+ entries in files of 16");
        }
        try (MmapMessageStore store = open(config)) {
            QueryResult r = store.queryByKey("Idx", "k4", 100, 0, Long.MAX_VALUE);
            assertEquals(List.of("m39", "m34", "m29", "m24", "m19", "m14", "m9", "m4"), bodies(r));
            assertTrue(r.indexLastUpdateTimestamp() >= t0 + 3900);
        }
    }

    @Test
    void uniqueKeyIsIndexedButRolledBackRecordsAreNot() {
        StoreConfig config = MmapTestSupport.config(dir, 64 * 1024);
        try (MmapMessageStore store = open(config)) {
            var m = message("U", 0, "u");
            store.put(m);
            var rolledBack = message("U", 0, "rb".getBytes(StandardCharsets.UTF_8), null, "rbkey")
                    .sysFlag(io.carrack.common.message.MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
            store.put(rolledBack);
            store.put(message("U", 0, "last"));
            Await.until("dispatch", () -> store.maxOffset("U", 0) == 2);
            assertEquals(List.of("u"), bodies(store.queryByKey("U", m.uniqueKey(), 10, 0, Long.MAX_VALUE)));
            assertTrue(store.queryByKey("U", "rbkey", 10, 0, Long.MAX_VALUE).messages().isEmpty());
        }
    }

    @Test
    void keyHashMatchesStringHashOfTopicHashKey() {
        assertEquals(("Topic#key1").hashCode() & 0x7FFFFFFF, IndexDescriptor.keyHash("Topic", "key1"));
    }

    private MmapMessageStore open(StoreConfig config) {
        MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock));
        store.start();
        return store;
    }

    private static List<String> bodies(QueryResult r) {
        return r.messages().stream().map(TestMessages::bodyText).collect(Collectors.toList());
    }
}
