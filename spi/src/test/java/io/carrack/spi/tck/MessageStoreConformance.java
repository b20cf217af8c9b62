package io.carrack.spi.tck;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreStats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The storage SPI conformance kit: one set of JUnit 5 tests that every {@link MessageStore} must pass.
 *
 * <h2>Using it</h2>
 * A store module puts {@code spi}'s test-jar on its test class path
 * ({@code <artifactId>spi</artifactId><type>test-jar</type><scope>test</scope>}) and adds one class:
 * <pre>{@code
 * class MyStoreConformanceTest extends MessageStoreConformance {
 *     @Override protected MessageStoreProvider provider() { return new MyStoreProvider(); }
 * }
 * }</pre>
 * Hooks a store may override (all in {@link StoreConformanceSupport}):
 * <ul>
 *   <li>{@code config(Path)}: the {@link StoreConfig}; add store-specific keys with
 *       {@link StoreConfig#withStoreProperties} (a JDBC URL, an LMDB map size). The default uses a
 *       1 MiB commit-log file size, 1,000-entry consume-queue files, a 256 KiB body limit and ASYNC_FLUSH;</li>
 *   <li>{@code context(...)}, {@code threadNamePrefix()}, {@code awaitTimeout()}.</li>
 * </ul>
 *
 * <h2>What it checks</h2>
 * Round trip of every field of the stored layout; queue offsets contiguous from 0 with QUEUEOFFSET
 * equal to the index; growing physical offsets; batches contiguous and all-or-nothing; tag-code and
 * message filters with {@code nextBeginOffset} moving past filtered entries; bodies near the size
 * limit and empty ones; reads past the end with the {@link GetStatus} values their Javadoc gives;
 * reads by physical offset; durability across close and reopen; key queries with a time range;
 * {@code offsetByTimestamp}; min/max offsets; store timestamps from the injected clock; bounded
 * concurrent producers; transaction records that take no queue offset; {@code deleteTopics};
 * arrival notifications; retention keeping queues contiguous; use after close failing and close
 * being idempotent; the provider found by name through {@link ServiceLoader}; and after every test,
 * no thread named {@code carrack-*} left behind by a closed store.
 *
 * <h2>Assumptions</h2>
 * A put may become readable a little later than it returns (stores that dispatch asynchronously):
 * tests wait for {@link MessageStore#maxOffset} to reach the expected value, bounded by
 * {@code awaitTimeout()}. Timestamps come from a {@link ControlledClock}; stores must take store
 * time from {@code StoreContext.clock()}.
 *
 * <h2>Crashes</h2>
 * These tests close stores cleanly. A store that promises to keep acknowledged puts through a crash also
 * extends {@link MessageStoreCrashConformance}, which kills a child JVM writing to the store with SIGKILL and
 * checks every acknowledged put after reopening.
 *
 * <p>Thread safety: JUnit creates one instance per test.
 */
public abstract class MessageStoreConformance extends StoreConformanceSupport {
    private static final String TOPIC = "TopicTest";

    @Test
    void providerIsFoundByNameThroughServiceLoader() {
        MessageStoreProvider expected = provider();
        List<String> names = ServiceLoader.load(MessageStoreProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toList());
        assertTrue(names.contains(expected.name()), "ServiceLoader finds " + names + ", not " + expected.name());
        assertFalse(expected.name().isBlank(), "provider name");
    }

    @Test
    void putThenGetReturnsEveryFieldOfTheStoredLayout() {
        MessageStore store = open();
        BrokerMessage m = message(TOPIC, 2, "hello".getBytes(StandardCharsets.UTF_8), "TagA", "k1 k2");
        m.reconsumeTimes(3).preparedTransactionOffset(0).sysFlag(MessageSysFlag.MULTI_TAGS_FLAG);
        clock.set(ControlledClock.DEFAULT_START_MILLIS + 42);
        PutResult r = putOk(store, m);
        assertEquals(0, r.queueOffset());
        assertEquals(1, r.messageCount());
        assertEquals(clock.millis(), r.storeTimestamp());
        awaitMaxOffset(store, TOPIC, 2, 1);

        try (GetResult g = store.get(TOPIC, 2, 0, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.FOUND, g.status());
            assertEquals(1, g.messages().size());
            assertEquals(1, g.nextBeginOffset());
            assertEquals(0, g.minOffset());
            assertEquals(1, g.maxOffset());
            assertEquals(r.wroteBytes(), g.totalBytes(), "record size equals bytes written");
            StoredMessage s = TestMessages.decode(g.messages().get(0));
            assertEquals(TOPIC, s.topic());
            assertEquals(2, s.queueId());
            assertEquals(7, s.flag());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), s.body());
            assertEquals(io.carrack.common.message.StoredMessageCodec.crc32(s.body()), s.bodyCrc());
            assertEquals(0, s.queueOffset());
            assertEquals(r.physicalOffset(), s.physicalOffset());
            assertEquals(MessageSysFlag.MULTI_TAGS_FLAG, s.sysFlag());
            assertEquals(m.bornTimestamp(), s.bornTimestamp());
            assertEquals(TestMessages.BORN_HOST, s.bornHost());
            assertEquals(clock.millis(), s.storeTimestamp());
            assertEquals(TestMessages.STORE_HOST, s.storeHost());
            assertEquals(3, s.reconsumeTimes());
            assertEquals("TagA", s.tags());
            assertEquals("k1 k2", s.keys());
            assertEquals(m.uniqueKey(), s.uniqueKey());
            assertEquals(r.wroteBytes(), s.storeSize());
        }
    }

    @Test
    void ipv6HostsRoundTrip() {
        MessageStore store = open();
        BrokerMessage m = message(TOPIC, 0, "v6").bornHost(TestMessages.BORN_HOST_V6);
        PutResult r = putOk(store, m);
        awaitMaxOffset(store, TOPIC, 0, 1);
        StoredMessage s = read(store, TOPIC, 0, 0, 1).get(0);
        assertEquals(TestMessages.BORN_HOST_V6, s.bornHost());
        assertEquals(MessageSysFlag.BORNHOST_V6_FLAG, s.sysFlag() & MessageSysFlag.BORNHOST_V6_FLAG);
        assertEquals(r.physicalOffset(), s.physicalOffset());
    }

    @Test
    void queueOffsetsAreContiguousFromZeroPerQueue() {
        MessageStore store = open();
        int perQueue = 40;
        for (int i = 0; i < perQueue; i++) {
            for (int q = 0; q < 3; q++) {
                PutResult r = putOk(store, message(TOPIC, q, "q" + q + "-" + i));
                assertEquals(i, r.queueOffset(), "queue offset of message " + i + " in queue " + q);
            }
        }
        for (int q = 0; q < 3; q++) {
            awaitMaxOffset(store, TOPIC, q, perQueue);
            assertEquals(0, store.minOffset(TOPIC, q));
            assertEquals(perQueue, store.maxOffset(TOPIC, q));
            List<StoredMessage> all = readAll(store, TOPIC, q);
            assertEquals(perQueue, all.size());
            for (int i = 0; i < perQueue; i++) {
                assertEquals(i, all.get(i).queueOffset(), "QUEUEOFFSET equals index");
                assertEquals("q" + q + "-" + i, new String(all.get(i).body(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Set.of(0, 1, 2), store.queueIds(TOPIC));
        assertEquals(Set.of(), store.queueIds("NoSuchTopic"));
    }

    @Test
    void physicalOffsetsOnlyGrowAndDoNotOverlap() {
        MessageStore store = open();
        long previousEnd = -1;
        for (int i = 0; i < 50; i++) {
            PutResult r = putOk(store, message(TOPIC + (i % 2), 0, "m" + i));
            assertTrue(r.physicalOffset() >= previousEnd, "offset " + r.physicalOffset() + " after " + previousEnd);
            assertTrue(r.wroteBytes() > 0);
            previousEnd = r.physicalOffset() + r.wroteBytes();
        }
    }

    @Test
    void getHonoursMaxCountAndNextBeginOffset() {
        MessageStore store = open();
        for (int i = 0; i < 10; i++) {
            putOk(store, message(TOPIC, 0, "m" + i));
        }
        awaitMaxOffset(store, TOPIC, 0, 10);
        try (GetResult r = store.get(TOPIC, 0, 4, 3, MessageFilter.ALL)) {
            assertEquals(GetStatus.FOUND, r.status());
            assertEquals(List.of("m4", "m5", "m6"), bodies(decodeAll(r)));
            assertEquals(List.of(4L, 5L, 6L), r.queueOffsets());
            assertEquals(7, r.nextBeginOffset());
            assertEquals(10, r.maxOffset());
        }
    }

    @Test
    void getResultBuffersAreReadOnlyAndCloseIsIdempotent() {
        MessageStore store = open();
        putOk(store, message(TOPIC, 0, "x"));
        awaitMaxOffset(store, TOPIC, 0, 1);
        GetResult r = store.get(TOPIC, 0, 0, 1, MessageFilter.ALL);
        ByteBuffer b = r.messages().get(0);
        assertTrue(b.isReadOnly(), "records are handed out read-only");
        assertEquals(StoredMessageDescriptor.MESSAGE_MAGIC, b.getInt(b.position() + StoredMessageDescriptor.MAGIC_OFFSET));
        r.close();
        assertDoesNotThrow(r::close);
    }

    @Test
    void batchIsContiguousAndNotInterleavedWithConcurrentPuts() throws Exception {
        MessageStore store = open();
        int batches = 20;
        int batchSize = 10;
        int singles = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<PutResult>> batchResults = pool.submit(() -> {
                List<PutResult> results = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    List<BrokerMessage> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(message(TOPIC, 0, "b" + b + "-" + i));
                    }
                    results.add(store.putBatch(batch));
                }
                return results;
            });
            Future<?> singleResults = pool.submit(() -> {
                for (int i = 0; i < singles; i++) {
                    putOk(store, message(TOPIC, 0, "s" + i));
                }
            });
            singleResults.get(60, TimeUnit.SECONDS);
            List<PutResult> results = batchResults.get(60, TimeUnit.SECONDS);
            int total = batches * batchSize + singles;
            awaitMaxOffset(store, TOPIC, 0, total);
            List<StoredMessage> all = readAll(store, TOPIC, 0);
            assertEquals(total, all.size());
            for (int b = 0; b < batches; b++) {
                PutResult r = results.get(b);
                assertTrue(r.status().stored(), "batch " + b + ": " + r);
                assertEquals(batchSize, r.messageCount());
                int first = (int) r.queueOffset();
                assertEquals(r.physicalOffset(), all.get(first).physicalOffset(), "batch physical offset");
                for (int i = 0; i < batchSize; i++) {
                    assertEquals("b" + b + "-" + i, new String(all.get(first + i).body(), StandardCharsets.UTF_8),
                            "batch " + b + " is contiguous");
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void batchWithOneOversizedMessageStoresNothing() {
        MessageStore store = open();
        putOk(store, message(TOPIC, 0, "before"));
        int max = config(storeDir).maxMessageSize();
        PutResult r = store.putBatch(List.of(message(TOPIC, 0, "a"),
                message(TOPIC, 0, new byte[max + 1], null, null), message(TOPIC, 0, "c")));
        assertFalse(r.status().stored(), "batch with an oversized message: " + r);
        PutResult after = putOk(store, message(TOPIC, 0, "after"));
        assertEquals(1, after.queueOffset(), "a refused batch takes no queue offsets");
        awaitMaxOffset(store, TOPIC, 0, 2);
        assertEquals(List.of("before", "after"), bodies(readAll(store, TOPIC, 0)));
    }

    @Test
    void batchOfSeveralQueuesIsRefused() {
        MessageStore store = open();
        PutResult r = store.putBatch(List.of(message(TOPIC, 0, "a"), message(TOPIC, 1, "b")));
        assertFalse(r.status().stored(), "a batch must be of one topic and queue: " + r);
        assertEquals(0, putOk(store, message(TOPIC, 0, "x")).queueOffset());
        assertEquals(0, putOk(store, message(TOPIC, 1, "y")).queueOffset());
    }

    @Test
    void tagsCodeFilterSkipsEntriesAndNextBeginOffsetMovesPastThem() {
        MessageStore store = open();
        for (int i = 0; i < 10; i++) {
            String tag = i % 2 == 0 ? "A" : "B";
            putOk(store, message(TOPIC, 0, ("m" + i).getBytes(StandardCharsets.UTF_8), tag, null));
        }
        awaitMaxOffset(store, TOPIC, 0, 10);
        MessageFilter onlyA = tagFilter("A");
        try (GetResult r = store.get(TOPIC, 0, 0, 32, onlyA)) {
            assertEquals(GetStatus.FOUND, r.status());
            assertEquals(List.of("m0", "m2", "m4", "m6", "m8"), bodies(decodeAll(r)));
            assertEquals(List.of(0L, 2L, 4L, 6L, 8L), r.queueOffsets());
            assertTrue(r.nextBeginOffset() >= 9 && r.nextBeginOffset() <= 10, "next " + r.nextBeginOffset());
        }
        MessageFilter none = tagFilter("C");
        long offset = 0;
        for (int guard = 0; offset < 10 && guard < 20; guard++) {
            try (GetResult r = store.get(TOPIC, 0, offset, 32, none)) {
                assertEquals(GetStatus.NO_MATCHED_MESSAGE, r.status());
                assertTrue(r.messages().isEmpty());
                assertTrue(r.nextBeginOffset() > offset, "nextBeginOffset must move past filtered entries");
                offset = r.nextBeginOffset();
            }
        }
        assertEquals(10, offset);
    }

    @Test
    void messageFilterSeesTheRecordAndCanReject() {
        MessageStore store = open();
        for (int i = 0; i < 6; i++) {
            putOk(store, message(TOPIC, 0, "m" + i));
        }
        awaitMaxOffset(store, TOPIC, 0, 6);
        MessageFilter evenBodies = new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return true;
            }

            @Override
            public boolean matchesMessage(ByteBuffer record) {
                int before = record.position();
                assertEquals(StoredMessageDescriptor.MESSAGE_MAGIC,
                        record.getInt(record.position() + StoredMessageDescriptor.MAGIC_OFFSET),
                        "record positioned at its first byte");
                String body = TestMessages.bodyText(record);
                assertEquals(before, record.position());
                return (body.charAt(1) - '0') % 2 == 0;
            }
        };
        try (GetResult r = store.get(TOPIC, 0, 0, 32, evenBodies)) {
            assertEquals(GetStatus.FOUND, r.status());
            assertEquals(List.of("m0", "m2", "m4"), bodies(decodeAll(r)));
            assertEquals(6, r.nextBeginOffset());
        }
    }

    @Test
    void largeAndEmptyBodiesRoundTripAndOversizedIsRefused() {
        MessageStore store = open();
        int max = config(storeDir).maxMessageSize();
        byte[] large = TestMessages.patternBody(max - 1024, 5);
        putOk(store, message(TOPIC, 0, large, null, null));
        putOk(store, message(TOPIC, 0, new byte[0], null, null));
        PutResult tooLarge = store.put(message(TOPIC, 0, new byte[max + 1], null, null));
        assertEquals(PutStatus.MESSAGE_ILLEGAL, tooLarge.status());
        putOk(store, message(TOPIC, 0, large, null, null));
        awaitMaxOffset(store, TOPIC, 0, 3);
        List<StoredMessage> all = readAll(store, TOPIC, 0);
        assertEquals(3, all.size());
        assertArrayEquals(large, all.get(0).body());
        assertEquals(0, all.get(1).body().length);
        assertArrayEquals(large, all.get(2).body());
        assertEquals(2, all.get(2).queueOffset());
    }

    @Test
    void readsOutsideTheQueueReturnTheDocumentedStatuses() {
        MessageStore store = open();
        try (GetResult r = store.get("NoSuchTopic", 0, 0, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.NO_MATCHED_LOGIC_QUEUE, r.status());
            assertTrue(r.messages().isEmpty());
        }
        for (int i = 0; i < 3; i++) {
            putOk(store, message(TOPIC, 0, "m" + i));
        }
        awaitMaxOffset(store, TOPIC, 0, 3);
        try (GetResult r = store.get(TOPIC, 0, 3, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.OFFSET_OVERFLOW_ONE, r.status());
            assertEquals(3, r.nextBeginOffset());
            assertTrue(r.messages().isEmpty());
        }
        try (GetResult r = store.get(TOPIC, 0, 100, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.OFFSET_OVERFLOW_BADLY, r.status());
            assertTrue(r.nextBeginOffset() <= 3, "next " + r.nextBeginOffset());
            assertTrue(r.messages().isEmpty());
        }
        try (GetResult r = store.get(TOPIC, 0, -1, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.OFFSET_TOO_SMALL, r.status());
            assertEquals(0, r.nextBeginOffset());
            assertTrue(r.messages().isEmpty());
        }
        try (GetResult r = store.get(TOPIC, 1, 0, 10, MessageFilter.ALL)) {
            assertTrue(r.status() == GetStatus.NO_MATCHED_LOGIC_QUEUE || r.status() == GetStatus.NO_MESSAGE_IN_QUEUE,
                    "unused queue of a known topic: " + r.status());
        }
    }

    @Test
    void readByPhysicalOffsetReturnsACopyOfTheRecord() {
        MessageStore store = open();
        List<PutResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(putOk(store, message(TOPIC, i, "p" + i)));
        }
        for (int i = 0; i < 3; i++) {
            Optional<ByteBuffer> b = store.read(results.get(i).physicalOffset());
            assertTrue(b.isPresent(), "record at " + results.get(i).physicalOffset());
            StoredMessage s = TestMessages.decode(b.get());
            assertEquals("p" + i, new String(s.body(), StandardCharsets.UTF_8));
            assertEquals(results.get(i).physicalOffset(), s.physicalOffset());
            assertEquals(i, s.queueId());
        }
        PutResult last = results.get(2);
        assertTrue(store.read(last.physicalOffset() + last.wroteBytes() + 1000).isEmpty(), "beyond the end");
        assertTrue(store.read(-1).isEmpty(), "negative offset");
    }

    @Test
    void contentsAndOffsetsSurviveCloseAndReopen() {
        StoreConfig config = config(storeDir);
        List<PutResult> before = new ArrayList<>();
        MessageStore store = open(config);
        for (int i = 0; i < 30; i++) {
            before.add(putOk(store, message(TOPIC, i % 3, "r" + i)));
        }
        for (int q = 0; q < 3; q++) {
            awaitMaxOffset(store, TOPIC, q, 10);
        }
        store.close();

        MessageStore reopened = open(config);
        for (int q = 0; q < 3; q++) {
            assertEquals(10, reopened.maxOffset(TOPIC, q), "max offset of queue " + q + " after reopen");
            List<StoredMessage> all = readAll(reopened, TOPIC, q);
            assertEquals(10, all.size());
            for (int k = 0; k < 10; k++) {
                PutResult r = before.get(k * 3 + q);
                assertEquals(r.physicalOffset(), all.get(k).physicalOffset());
                assertEquals(r.queueOffset(), all.get(k).queueOffset());
                assertEquals("r" + (k * 3 + q), new String(all.get(k).body(), StandardCharsets.UTF_8));
            }
        }
        PutResult next = putOk(reopened, message(TOPIC, 0, "after"));
        assertEquals(10, next.queueOffset(), "queue offsets continue after reopen");
        PutResult last = before.get(before.size() - 1);
        assertTrue(next.physicalOffset() >= last.physicalOffset() + last.wroteBytes(), "physical offsets continue");
    }

    @Test
    void syncFlushPutsAreStoredAndSurviveReopen() {
        StoreConfig config = config(storeDir).withFlushMode(FlushMode.SYNC_FLUSH);
        MessageStore store = open(config);
        for (int i = 0; i < 10; i++) {
            PutResult r = store.put(message(TOPIC, 0, "s" + i));
            assertTrue(r.status() == PutStatus.OK || r.status() == PutStatus.FLUSH_DISK_TIMEOUT, r.toString());
        }
        store.close();
        MessageStore reopened = open(config);
        assertEquals(10, reopened.maxOffset(TOPIC, 0));
        assertEquals("s9", bodies(read(reopened, TOPIC, 0, 9, 1)).get(0));
    }

    @Test
    void queryByKeyFindsKeysAndUniqueKeysWithinTheTimeRangeNewestFirst() {
        MessageStore store = open();
        long t0 = clock.millis();
        BrokerMessage m1 = message(TOPIC, 0, "m1".getBytes(StandardCharsets.UTF_8), null, "k1 shared");
        putOk(store, m1);
        clock.set(t0 + 1000);
        putOk(store, message(TOPIC, 1, "m2".getBytes(StandardCharsets.UTF_8), null, "k2  shared"));
        clock.set(t0 + 2000);
        putOk(store, message(TOPIC + "Other", 0, "m3".getBytes(StandardCharsets.UTF_8), null, "shared"));
        clock.set(t0 + 3000);
        PutResult r4 = putOk(store, message(TOPIC, 0, "m4".getBytes(StandardCharsets.UTF_8), null, "shared"));
        awaitMaxOffset(store, TOPIC, 0, 2);
        Await.until("key index to cover the last message", awaitTimeout(),
                () -> store.queryByKey(TOPIC, "shared", 10, 0, Long.MAX_VALUE).messages().size() == 3);

        QueryResult all = store.queryByKey(TOPIC, "shared", 10, 0, Long.MAX_VALUE);
        assertEquals(List.of("m4", "m2", "m1"), bodyTexts(all.messages()));
        assertTrue(all.indexLastUpdateTimestamp() >= t0 + 3000, "indexLastUpdateTimestamp");
        assertTrue(all.indexLastUpdatePhysicalOffset() >= r4.physicalOffset(), "indexLastUpdatePhysicalOffset");

        assertEquals(List.of("m2"), bodyTexts(store.queryByKey(TOPIC, "shared", 10, t0 + 500, t0 + 2500).messages()));
        assertEquals(List.of("m4"), bodyTexts(store.queryByKey(TOPIC, "shared", 1, 0, Long.MAX_VALUE).messages()));
        assertEquals(List.of("m1"), bodyTexts(store.queryByKey(TOPIC, "k1", 10, t0, t0).messages()));
        assertEquals(List.of("m3"), bodyTexts(store.queryByKey(TOPIC + "Other", "shared", 10, 0, Long.MAX_VALUE)
                .messages()));
        assertEquals(List.of("m1"), bodyTexts(store.queryByKey(TOPIC, m1.uniqueKey(), 10, 0, Long.MAX_VALUE)
                .messages()));
        assertTrue(store.queryByKey(TOPIC, "nope", 10, 0, Long.MAX_VALUE).messages().isEmpty());
        assertTrue(store.queryByKey(TOPIC, "shared", 10, t0 + 4000, Long.MAX_VALUE).messages().isEmpty());
    }

    @Test
    void offsetByTimestampFindsTheFirstMessageAtOrAfter() {
        MessageStore store = open();
        long t0 = clock.millis();
        for (int i = 0; i < 10; i++) {
            clock.set(t0 + i * 1000L);
            putOk(store, message(TOPIC, 0, "t" + i));
        }
        awaitMaxOffset(store, TOPIC, 0, 10);
        assertEquals(3, store.offsetByTimestamp(TOPIC, 0, t0 + 3000));
        assertEquals(4, store.offsetByTimestamp(TOPIC, 0, t0 + 3500));
        assertEquals(0, store.offsetByTimestamp(TOPIC, 0, t0 - 1), "every message is newer: min offset");
        assertEquals(10, store.offsetByTimestamp(TOPIC, 0, t0 + 100_000), "every message is older: max offset");
        assertEquals(0, store.offsetByTimestamp("NoSuchTopic", 0, t0));
    }

    @Test
    void minMaxOffsetsAndStoreTimestamps() {
        MessageStore store = open();
        assertEquals(0, store.minOffset(TOPIC, 0));
        assertEquals(0, store.maxOffset(TOPIC, 0));
        long t0 = clock.millis();
        for (int i = 0; i < 5; i++) {
            clock.set(t0 + i * 10L);
            assertEquals(t0 + i * 10L, putOk(store, message(TOPIC, 0, "m" + i)).storeTimestamp());
        }
        awaitMaxOffset(store, TOPIC, 0, 5);
        assertEquals(0, store.minOffset(TOPIC, 0));
        assertEquals(5, store.maxOffset(TOPIC, 0));
        for (int i = 0; i < 5; i++) {
            assertEquals(t0 + i * 10L, store.storeTimestamp(TOPIC, 0, i));
        }
        assertEquals(-1, store.storeTimestamp(TOPIC, 0, 5));
        assertEquals(-1, store.storeTimestamp("NoSuchTopic", 0, 0));
    }

    @Test
    void concurrentProducersGetDistinctContiguousOffsets() throws Exception {
        MessageStore store = open();
        int producers = 4;
        int perProducer = 250;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int id = p;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perProducer; i++) {
                        putOk(store, message(TOPIC, i % 2, "p" + id + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        Set<String> seen = new HashSet<>();
        for (int q = 0; q < 2; q++) {
            awaitMaxOffset(store, TOPIC, q, producers * perProducer / 2);
            List<StoredMessage> all = readAll(store, TOPIC, q);
            assertEquals(producers * perProducer / 2, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).queueOffset());
                assertTrue(seen.add(new String(all.get(i).body(), StandardCharsets.UTF_8)), "stored once");
            }
        }
        assertEquals(producers * perProducer, seen.size());
    }

    @Test
    void preparedAndRolledBackTransactionRecordsTakeNoQueueOffset() {
        MessageStore store = open();
        putOk(store, message(TOPIC, 0, "normal0"));
        PutResult prepared = putOk(store, message(TOPIC, 0, "prepared")
                .sysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE));
        PutResult rolledBack = putOk(store, message(TOPIC, 0, "rollback")
                .sysFlag(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE));
        PutResult next = putOk(store, message(TOPIC, 0, "normal1")
                .sysFlag(MessageSysFlag.TRANSACTION_COMMIT_TYPE));
        assertEquals(1, next.queueOffset(), "transaction records do not move the queue offset");
        awaitMaxOffset(store, TOPIC, 0, 2);
        assertEquals(List.of("normal0", "normal1"), bodies(readAll(store, TOPIC, 0)));
        for (PutResult r : List.of(prepared, rolledBack)) {
            StoredMessage s = TestMessages.decode(store.read(r.physicalOffset()).orElseThrow());
            assertEquals(0, s.queueOffset(), "QUEUEOFFSET of a prepared or rolled-back record");
        }
        assertEquals(2, store.maxOffset(TOPIC, 0));
    }

    @Test
    void deleteTopicsRemovesQueuesAndKeysButNotOtherTopics() {
        StoreConfig config = config(storeDir);
        MessageStore store = open(config);
        for (int i = 0; i < 5; i++) {
            putOk(store, message("Doomed", i % 2, ("d" + i).getBytes(StandardCharsets.UTF_8), null, "dk"));
            putOk(store, message(TOPIC, 0, ("k" + i).getBytes(StandardCharsets.UTF_8), null, "dk"));
        }
        awaitMaxOffset(store, "Doomed", 0, 3);
        awaitMaxOffset(store, "Doomed", 1, 2);
        awaitMaxOffset(store, TOPIC, 0, 5);
        Await.until("keys indexed", awaitTimeout(),
                () -> store.queryByKey("Doomed", "dk", 10, 0, Long.MAX_VALUE).messages().size() == 5);
        store.deleteTopics(Set.of("Doomed"));

        assertEquals(0, store.maxOffset("Doomed", 0));
        assertEquals(Set.of(), store.queueIds("Doomed"));
        try (GetResult r = store.get("Doomed", 0, 0, 10, MessageFilter.ALL)) {
            assertNotEquals(GetStatus.FOUND, r.status());
        }
        assertTrue(store.queryByKey("Doomed", "dk", 10, 0, Long.MAX_VALUE).messages().isEmpty());
        assertEquals(5, store.queryByKey(TOPIC, "dk", 10, 0, Long.MAX_VALUE).messages().size());
        assertEquals(5, readAll(store, TOPIC, 0).size());
        assertEquals(0, putOk(store, message("Doomed", 0, "reborn")).queueOffset(), "a re-created topic starts at 0");
        store.close();

        MessageStore reopened = open(config);
        assertEquals(1, reopened.maxOffset("Doomed", 0));
        assertEquals(0, reopened.maxOffset("Doomed", 1));
        assertEquals(List.of("reborn"), bodies(readAll(reopened, "Doomed", 0)));
        assertEquals(5, reopened.maxOffset(TOPIC, 0));
    }

    @Test
    void arrivalListenerIsToldOfEveryReadableMessage() {
        record Arrival(String topic, int queueId, long nextOffset, long tagsCode) { }
        ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        MessageStore store = open(config(storeDir), (t, q, next, tags) -> arrivals.add(new Arrival(t, q, next, tags)));
        for (int i = 0; i < 3; i++) {
            putOk(store, message(TOPIC, 1, ("a" + i).getBytes(StandardCharsets.UTF_8), "T" + i, null));
        }
        Await.until("3 arrivals", awaitTimeout(), () -> arrivals.size() >= 3, arrivals::toString);
        List<Arrival> list = new ArrayList<>(arrivals);
        for (int i = 0; i < 3; i++) {
            assertEquals(new Arrival(TOPIC, 1, i + 1, BrokerMessage.tagsCodeOf("T" + i)), list.get(i));
        }
    }

    @Test
    void statsCountPuts() {
        MessageStore store = open();
        PutResult last = null;
        for (int i = 0; i < 5; i++) {
            last = putOk(store, message(TOPIC, 0, "s" + i));
        }
        StoreStats stats = store.stats();
        assertTrue(stats.putMessages() >= 5, stats.toString());
        assertTrue(stats.putBytes() >= 5L * last.wroteBytes(), stats.toString());
        assertTrue(stats.maxPhysicalOffset() >= last.physicalOffset() + last.wroteBytes(), stats.toString());
        assertTrue(stats.minPhysicalOffset() <= last.physicalOffset(), stats.toString());
        assertTrue(stats.diskUsedRatio() >= 0 && stats.diskUsedRatio() <= 1, stats.toString());
    }

    @Test
    void retentionKeepsRecentMessagesAndQueuesContiguous() {
        StoreConfig base = config(storeDir);
        StoreConfig config = new StoreConfig(base.rootDir(), base.flushMode(), base.commitLogFileSize(),
                base.consumeQueueFileSize(), base.maxMessageSize(), base.syncFlushTimeoutMillis(),
                base.flushIntervalMillis(), 1, base.deleteWhen(), base.diskMaxUsedSpaceRatio(),
                base.storeProperties());
        MessageStore store = open(config);
        byte[] body = new byte[8 * 1024];
        int old = Math.max(4, 3 * config.commitLogFileSize() / body.length);
        for (int i = 0; i < old; i++) {
            putOk(store, message(TOPIC, 0, body, null, null));
        }
        clock.advance(Duration.ofHours(2));
        for (int i = 0; i < 20; i++) {
            putOk(store, message(TOPIC, 0, ("new" + i).getBytes(StandardCharsets.UTF_8), null, null));
        }
        awaitMaxOffset(store, TOPIC, 0, old + 20);
        store.applyRetention(true);
        long min = store.minOffset(TOPIC, 0);
        assertTrue(min <= old, "retention removed unexpired messages: min offset " + min);
        assertEquals(old + 20, store.maxOffset(TOPIC, 0));
        List<StoredMessage> rest = readAll(store, TOPIC, 0);
        assertEquals(old + 20 - min, rest.size());
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(min + i, rest.get(i).queueOffset());
        }
        if (min > 0) {
            try (GetResult r = store.get(TOPIC, 0, 0, 1, MessageFilter.ALL)) {
                assertEquals(GetStatus.OFFSET_TOO_SMALL, r.status());
                assertEquals(min, r.nextBeginOffset());
            }
        }
    }

    @Test
    void useAfterCloseFailsAndCloseIsIdempotent() {
        MessageStore store = open();
        putOk(store, message(TOPIC, 0, "x"));
        store.close();
        assertDoesNotThrow(store::close);
        try {
            PutResult r = store.put(message(TOPIC, 0, "y"));
            assertFalse(r.status().stored(), "put after close: " + r);
        } catch (RuntimeException expected) {
            // failing with an exception is also allowed
        }
        try (GetResult r = store.get(TOPIC, 0, 0, 10, MessageFilter.ALL)) {
            fail("get after close returned " + r.status());
        } catch (RuntimeException expected) {
            // a closed store throws
        }
    }

    private static MessageFilter tagFilter(String tag) {
        long code = BrokerMessage.tagsCodeOf(tag);
        return new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return tagsCode == code;
            }

            @Override
            public boolean matchesMessage(ByteBuffer storedMessage) {
                return tag.equals(TestMessages.decode(storedMessage).tags());
            }
        };
    }

    private static List<String> bodyTexts(List<ByteBuffer> records) {
        return records.stream().map(TestMessages::bodyText).collect(Collectors.toList());
    }
}
