package io.carrack.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention that empties queues, or the whole table, must not let offsets restart after a reopen: queue min
 * offsets and the log start are kept in the database, not derived from the rows left.
 */
class RetentionRestartTest {
    private static final String TOPIC = "Aged";

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    private StoreConfig config() {
        StoreConfig base = JdbcTestSupport.config(dir, FlushMode.SYNC_FLUSH,
                Map.of(JdbcStoreConfig.DELETE_ROWS_PER_TRANSACTION, "4"));
        return new StoreConfig(base.rootDir(), base.flushMode(), base.commitLogFileSize(), base.consumeQueueFileSize(),
                base.maxMessageSize(), base.syncFlushTimeoutMillis(), base.flushIntervalMillis(), 1,
                base.deleteWhen(), base.diskMaxUsedSpaceRatio(), base.storeProperties());
    }

    private JdbcMessageStore open() {
        JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(config(), clock));
        store.start();
        return store;
    }

    @Test
    void emptiedQueuesAndLogKeepTheirOffsetsAcrossReopen() {
        long end;
        try (JdbcMessageStore store = open()) {
            for (int i = 0; i < 10; i++) {
                put(store, 0, "old0-" + i, "k" + i);
            }
            for (int i = 0; i < 5; i++) {
                put(store, 1, "old1-" + i, "k1-" + i);
            }
            clock.advance(Duration.ofHours(2));
            PutResult firstYoung = put(store, 0, "young-0", null);
            put(store, 0, "young-1", null);
            put(store, 0, "young-2", null);
            long removed = store.applyRetention(true);
            assertEquals(firstYoung.physicalOffset(), removed, "every old record's bytes, in 4-row steps");

            assertEquals(10, store.minOffset(TOPIC, 0));
            assertEquals(13, store.maxOffset(TOPIC, 0));
            assertEquals(5, store.minOffset(TOPIC, 1));
            assertEquals(5, store.maxOffset(TOPIC, 1));
            assertEquals(firstYoung.physicalOffset(), store.stats().minPhysicalOffset());
            try (GetResult r = store.get(TOPIC, 1, 0, 10, MessageFilter.ALL)) {
                assertEquals(GetStatus.OFFSET_TOO_SMALL, r.status());
                assertEquals(5, r.nextBeginOffset());
            }
            assertTrue(store.queryByKey(TOPIC, "k3", 10, 0, Long.MAX_VALUE).messages().isEmpty(), "keys removed");
            assertTrue(store.read(0).isEmpty(), "record at 0 removed");
            end = store.stats().maxPhysicalOffset();
        }
        try (JdbcMessageStore store = open()) {
            assertEquals(10, store.minOffset(TOPIC, 0));
            assertEquals(13, store.maxOffset(TOPIC, 0));
            assertEquals(5, store.minOffset(TOPIC, 1));
            assertEquals(5, store.maxOffset(TOPIC, 1));
            assertEquals(5, put(store, 1, "after", null).queueOffset(), "queue 1 goes on where it was");

            clock.advance(Duration.ofHours(5));
            store.applyRetention(true);
            assertEquals(6, store.minOffset(TOPIC, 1));
            assertEquals(13, store.minOffset(TOPIC, 0));
            end = store.stats().maxPhysicalOffset();
            assertEquals(end, store.stats().minPhysicalOffset(), "the log is empty");
        }
        try (JdbcMessageStore store = open()) {
            assertEquals(end, store.stats().minPhysicalOffset());
            assertEquals(end, store.stats().maxPhysicalOffset());
            PutResult r = put(store, 0, "last", null);
            assertEquals(13, r.queueOffset());
            assertEquals(end, r.physicalOffset(), "physical offsets never go back");
            assertEquals("last", TestMessages.bodyText(store.read(end).orElseThrow()));
        }
    }

    private static PutResult put(JdbcMessageStore store, int queueId, String body, String keys) {
        PutResult r = store.put(TestMessages.message(TOPIC, queueId, body.getBytes(StandardCharsets.UTF_8), null,
                keys));
        assertTrue(r.status().stored(), r.toString());
        return r;
    }
}
