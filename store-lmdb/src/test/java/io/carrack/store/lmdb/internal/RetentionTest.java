package io.carrack.store.lmdb.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.Await;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by {@code fileReservedTime}: records, queue entries and key entries go together; mins advance. */
class RetentionTest {
    private static final String TOPIC = "Aging";

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    private StoreConfig config(Map<String, String> extra) {
        return LmdbTestSupport.config(dir, FlushMode.ASYNC_FLUSH, 1, "04", extra);
    }

    @Test
    void expiredRecordsGoWithTheirQueueAndKeyEntriesPerQueue() {
        try (LmdbMessageStore store = LmdbTestSupport.open(config(Map.of()), clock)) {
            List<PutResult> old = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                old.add(store.put(message(TOPIC, i % 3, ("old" + i).getBytes(StandardCharsets.UTF_8), null,
                        "old" + i + " shared")));
            }
            clock.advance(Duration.ofMinutes(90));
            for (int i = 0; i < 6; i++) {
                store.put(message(TOPIC, i % 2, ("new" + i).getBytes(StandardCharsets.UTF_8), null, "shared"));
            }
            long before = store.stats().minPhysicalOffset();
            long removed = store.applyRetention(true);
            assertEquals(old.stream().mapToLong(PutResult::wroteBytes).sum(), removed, "bytes removed");
            assertEquals(10, store.minOffset(TOPIC, 0));
            assertEquals(13, store.maxOffset(TOPIC, 0));
            assertEquals(10, store.minOffset(TOPIC, 1));
            assertEquals(13, store.maxOffset(TOPIC, 1));
            assertEquals(10, store.minOffset(TOPIC, 2), "a queue with only old messages is empty but keeps its end");
            assertEquals(10, store.maxOffset(TOPIC, 2));
            try (GetResult r = store.get(TOPIC, 0, 0, 10, MessageFilter.ALL)) {
                assertEquals(GetStatus.OFFSET_TOO_SMALL, r.status());
                assertEquals(10, r.nextBeginOffset());
            }
            try (GetResult r = store.get(TOPIC, 2, 10, 10, MessageFilter.ALL)) {
                assertEquals(GetStatus.OFFSET_OVERFLOW_ONE, r.status());
            }
            assertTrue(store.read(old.get(0).physicalOffset()).isEmpty(), "record removed");
            assertTrue(store.queryByKey(TOPIC, "old3", 10, 0, Long.MAX_VALUE).messages().isEmpty(), "key removed");
            assertEquals(6, store.queryByKey(TOPIC, "shared", 100, 0, Long.MAX_VALUE).messages().size());
            assertTrue(store.stats().minPhysicalOffset() > before, "min physical offset advances");
            assertEquals(0, store.applyRetention(true), "nothing more is expired");
        }
        try (LmdbMessageStore reopened = LmdbTestSupport.open(config(Map.of()), clock)) {
            assertEquals(10, reopened.minOffset(TOPIC, 2), "mins survive reopen");
            assertEquals(10, reopened.maxOffset(TOPIC, 2));
            assertEquals(10, reopened.put(message(TOPIC, 2, "again")).queueOffset());
        }
    }

    @Test
    void physicalOffsetsKeepGrowingWhenEverythingExpired() {
        long end;
        try (LmdbMessageStore store = LmdbTestSupport.open(config(Map.of()), clock)) {
            PutResult last = null;
            for (int i = 0; i < 5; i++) {
                last = store.put(message(TOPIC, 0, "m" + i));
            }
            end = last.physicalOffset() + last.wroteBytes();
            clock.advance(Duration.ofHours(2));
            store.applyRetention(true);
            assertEquals(5, store.minOffset(TOPIC, 0));
            assertEquals(end, store.stats().minPhysicalOffset(), "an empty log starts at its end");
        }
        try (LmdbMessageStore reopened = LmdbTestSupport.open(config(Map.of()), clock)) {
            PutResult next = reopened.put(message(TOPIC, 0, "next"));
            assertEquals(end, next.physicalOffset(), "the next physical offset is kept even with an empty log");
            assertEquals(5, next.queueOffset());
        }
    }

    @Test
    void retentionDoesNotTouchARecreatedTopic() {
        try (LmdbMessageStore store = LmdbTestSupport.open(config(Map.of()), clock)) {
            for (int i = 0; i < 4; i++) {
                store.put(message(TOPIC, 0, "doomed" + i));
            }
            store.deleteTopics(Set.of(TOPIC));
            clock.advance(Duration.ofHours(2));
            store.put(message(TOPIC, 0, "reborn0"));
            store.put(message(TOPIC, 0, "reborn1"));
            store.applyRetention(true);
            assertEquals(0, store.minOffset(TOPIC, 0));
            assertEquals(2, store.maxOffset(TOPIC, 0));
            assertEquals(List.of("reborn0", "reborn1"), bodies(store, 0, 10));
        }
    }

    @Test
    void theCleanServiceRunsRetentionInTheDeleteWhenHours() {
        long later = clock.millis() + Duration.ofHours(2).toMillis();
        int hour = Instant.ofEpochMilli(later).atZone(ZoneId.systemDefault()).getHour();
        StoreConfig config = LmdbTestSupport.config(dir, FlushMode.ASYNC_FLUSH, 1, String.format("%02d", hour),
                Map.of(LmdbStoreConfig.CLEAN_INTERVAL_MILLIS, "10", LmdbStoreConfig.DELETE_RECORDS_PER_RUN, "3"));
        try (LmdbMessageStore store = LmdbTestSupport.open(config, clock)) {
            for (int i = 0; i < 10; i++) {
                store.put(message(TOPIC, 0, "m" + i));
            }
            clock.set(later);
            Await.until("the clean service to remove every expired record, 3 per run", Duration.ofSeconds(10),
                    () -> store.minOffset(TOPIC, 0) == 10, () -> "min " + store.minOffset(TOPIC, 0));
        }
    }

    @Test
    void aManualUnforcedRunRemovesAtMostDeleteRecordsPerRun() {
        try (LmdbMessageStore store = LmdbTestSupport.open(config(Map.of(LmdbStoreConfig.DELETE_RECORDS_PER_RUN, "4")),
                clock)) {
            for (int i = 0; i < 10; i++) {
                store.put(message(TOPIC, 0, TestMessages.patternBody(100, i), null, null));
            }
            clock.advance(Duration.ofHours(2));
            store.applyRetention(false);
            assertEquals(4, store.minOffset(TOPIC, 0));
            store.applyRetention(true);
            assertEquals(10, store.minOffset(TOPIC, 0));
        }
    }

    private static List<String> bodies(LmdbMessageStore store, int queueId, int max) {
        List<String> out = new ArrayList<>();
        try (GetResult r = store.get(TOPIC, queueId, store.minOffset(TOPIC, queueId), max, MessageFilter.ALL)) {
            r.messages().forEach(b -> out.add(TestMessages.bodyText(b)));
        }
        return out;
    }
}
