package io.carrack.spi.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle and helpers of the conformance kit: a temporary directory, a controlled clock, stores
 * opened through the provider and closed after each test, and a check that closing left no
 * {@code carrack-*} thread behind. {@link MessageStoreConformance} holds the tests.
 *
 * <p>Thread safety: JUnit creates one instance per test; not shared.
 */
public abstract class StoreConformanceSupport {
    /** Commit-log file size of the default test config: small, so tests cross file boundaries. */
    protected static final int TEST_LOG_FILE_SIZE = 1024 * 1024;
    /** Consume-queue file size of the default test config: 1,000 entries. */
    protected static final int TEST_QUEUE_FILE_SIZE = 1000 * 20;
    /** Largest body of the default test config. */
    protected static final int TEST_MAX_MESSAGE_SIZE = 256 * 1024;

    /** The store's root directory for this test. */
    @TempDir
    protected Path storeDir;

    /** The clock every store of this test is opened with. */
    protected ControlledClock clock;

    private final List<MessageStore> opened = Collections.synchronizedList(new ArrayList<>());
    private Set<Thread> threadsBefore;

    /** The provider under test; a new instance or a shared one. */
    protected abstract MessageStoreProvider provider();

    /**
     * The configuration stores are opened with. Override to add store-specific properties (for
     * example a JDBC URL under {@link StoreConfig#storeProperties()}) or other sizes; keep the body
     * limit and file sizes small so that tests stay fast and cross file boundaries.
     */
    protected StoreConfig config(Path rootDir) {
        return new StoreConfig(rootDir, FlushMode.ASYNC_FLUSH, TEST_LOG_FILE_SIZE, TEST_QUEUE_FILE_SIZE,
                TEST_MAX_MESSAGE_SIZE, 5000, 50, 72, "04", 99, Map.of());
    }

    /** The context a store is opened with; override to wrap the listener or the clock. */
    protected StoreContext context(StoreConfig config, InstantSource clock, MessageArrivalListener listener) {
        return new StoreContext(config, clock, listener);
    }

    /** The prefix of thread names that must not outlive a closed store. */
    protected String threadNamePrefix() {
        return "carrack-";
    }

    /** How long a store may take to make a put readable or to stop its threads. */
    protected Duration awaitTimeout() {
        return Await.DEFAULT_TIMEOUT;
    }

    @BeforeEach
    final void setUpConformance() {
        clock = new ControlledClock();
        threadsBefore = liveThreads();
    }

    @AfterEach
    final void tearDownConformance() {
        List<MessageStore> stores;
        synchronized (opened) {
            stores = new ArrayList<>(opened);
            opened.clear();
        }
        for (MessageStore store : stores) {
            store.close();
        }
        Await.until("threads named " + threadNamePrefix() + "* to end after close", awaitTimeout(),
                () -> leakedThreads().isEmpty(), () -> "still alive: " + leakedThreads());
    }

    /** Opens and starts a store on {@link #storeDir} with {@link #config(Path)}. */
    protected MessageStore open() {
        return open(config(storeDir), MessageArrivalListener.NONE);
    }

    /** Opens and starts a store with the given configuration. */
    protected MessageStore open(StoreConfig config) {
        return open(config, MessageArrivalListener.NONE);
    }

    /** Opens and starts a store with the given configuration and listener; closed after the test. */
    protected MessageStore open(StoreConfig config, MessageArrivalListener listener) {
        MessageStore store = provider().open(context(config, clock, listener));
        opened.add(store);
        store.start();
        return store;
    }

    /** Puts one message and asserts it was stored. */
    protected static PutResult putOk(MessageStore store, BrokerMessage message) {
        PutResult r = store.put(message);
        assertTrue(r.status().stored(), () -> "put of " + message.topic() + "/" + message.queueId()
                + " failed: " + r);
        return r;
    }

    /** Waits until the queue's max offset reaches {@code count}. */
    protected void awaitMaxOffset(MessageStore store, String topic, int queueId, long count) {
        Await.until(topic + "/" + queueId + " max offset " + count, awaitTimeout(),
                () -> store.maxOffset(topic, queueId) >= count,
                () -> "max offset is " + store.maxOffset(topic, queueId));
    }

    /** Reads a queue from {@code offset} up to {@code maxCount} messages with no filter, decoded. */
    protected static List<StoredMessage> read(MessageStore store, String topic, int queueId, long offset,
                                              int maxCount) {
        try (GetResult r = store.get(topic, queueId, offset, maxCount, MessageFilter.ALL)) {
            assertEquals(GetStatus.FOUND, r.status(), () -> "get " + topic + "/" + queueId + " at " + offset);
            return decodeAll(r);
        }
    }

    /** Reads a whole queue from its min offset, in bounded chunks. */
    protected static List<StoredMessage> readAll(MessageStore store, String topic, int queueId) {
        List<StoredMessage> all = new ArrayList<>();
        long offset = store.minOffset(topic, queueId);
        long max = store.maxOffset(topic, queueId);
        for (int guard = 0; offset < max && guard < 100_000; guard++) {
            try (GetResult r = store.get(topic, queueId, offset, 32, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, r.status(), "get " + topic + "/" + queueId + " at " + offset);
                assertTrue(r.nextBeginOffset() > offset, "nextBeginOffset must advance");
                all.addAll(decodeAll(r));
                offset = r.nextBeginOffset();
            }
        }
        return all;
    }

    /** Decodes every record of a result and checks they line up with its queue offsets. */
    protected static List<StoredMessage> decodeAll(GetResult r) {
        List<StoredMessage> list = new ArrayList<>();
        assertEquals(r.messages().size(), r.queueOffsets().size(), "one queue offset per record");
        for (int i = 0; i < r.messages().size(); i++) {
            ByteBuffer b = r.messages().get(i);
            StoredMessage m = TestMessages.decode(b);
            assertEquals(r.queueOffsets().get(i).longValue(), m.queueOffset(), "QUEUEOFFSET of record " + i);
            list.add(m);
        }
        return list;
    }

    /** The bodies of decoded messages as text. */
    protected static List<String> bodies(List<StoredMessage> messages) {
        return messages.stream()
                .map(m -> new String(m.body(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    private Set<Thread> leakedThreads() {
        Set<Thread> now = liveThreads();
        now.removeAll(threadsBefore);
        return now;
    }

    private Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(threadNamePrefix()))
                .collect(Collectors.toSet());
    }
}
