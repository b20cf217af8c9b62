package io.carrack.examples.store.inmemory.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.ListGetResult;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.store.StoreStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example in-memory store. <b>An example, not a production store</b>: see
 * {@code InMemoryMessageStoreProvider} for what it does not do (above all, survive a crash).
 *
 * <p>Layout: a log of records by physical offset (the "commit log"), and per (topic, queue) a
 * {@link ConsumeQueue} of the same records by queue offset. Physical offsets are byte positions, as
 * in a file-based log: each record starts where the previous one ended.
 *
 * <p>Thread safety: one read-write lock. Puts, retention, {@code deleteTopics} and {@code close}
 * take the write lock; reads take the read lock. Everything runs on the caller's thread: the store
 * starts no threads, so there is nothing to stop or leak.
 */
public final class InMemoryMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryMessageStore.class);

    /** The broker.conf key {@code store.inmemory.maxBytes} (the broker strips the prefix). */
    static final String MAX_BYTES = "maxBytes";
    static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;
    /** The keys the store reads under {@code store.inmemory.}. */
    public static final Set<String> KEYS = Set.of(MAX_BYTES);
    // RocketMQ's limits for one pull: look at no more than 800 queue entries and return no more than
    // 256 KiB, but always at least one message.
    private static final int MAX_SCAN_ENTRIES = 800;
    private static final int MAX_TRANSFER_BYTES = 256 * 1024;

    private final StoreConfig config;
    private final InstantSource clock;
    private final MessageArrivalListener listener;
    private final Path snapshotFile;
    private final long maxBytes;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<Long, StoredEntry> log = new TreeMap<>();
    private final Map<QueueKey, ConsumeQueue> queues = new HashMap<>();
    private final LongAdder getMessages = new LongAdder(); // readers share the read lock, so an adder
    private long nextPhysicalOffset;
    private long usedBytes;
    private long putMessages;
    private long putBytes;
    private boolean closed;

    private InMemoryMessageStore(StoreContext context, Path snapshotFile, long maxBytes) {
        this.config = context.config();
        this.clock = context.clock();
        this.listener = context.listener();
        this.snapshotFile = snapshotFile;
        this.maxBytes = maxBytes;
    }

    /** Opens the store under {@code <rootDir>/inmemory}, loading the snapshot a clean close left there. */
    public static InMemoryMessageStore open(StoreContext context) {
        Path dir = context.config().rootDir().resolve("inmemory");
        InMemoryMessageStore store = new InMemoryMessageStore(context, dir.resolve("snapshot.bin"),
                maxBytes(context.config()));
        try {
            Files.createDirectories(dir);
            if (Files.exists(store.snapshotFile)) {
                store.load(Snapshot.read(store.snapshotFile));
                // Gone once loaded: after a crash the store starts empty rather than from this stale copy,
                // whose queue offsets new messages would reuse and consumers would then skip.
                Files.delete(store.snapshotFile);
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the in-memory store's snapshot under " + dir, e);
        }
        if (context.config().flushMode() == FlushMode.SYNC_FLUSH) {
            LOG.warn("flushDiskType=SYNC_FLUSH: the in-memory example store cannot make messages durable; "
                    + "every put is answered FLUSH_DISK_TIMEOUT (stored, not flushed)");
        }
        LOG.info("in-memory example store opened under {} with {} messages (maxBytes {}); NOT crash-safe",
                dir, store.log.size(), store.maxBytes);
        return store;
    }

    private static long maxBytes(StoreConfig config) {
        String value = config.storeProperties().get(MAX_BYTES);
        if (value == null) {
            return DEFAULT_MAX_BYTES;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StoreException("store.inmemory." + MAX_BYTES + "=" + value + ": expected a positive number of bytes");
    }

    private void load(Snapshot.Contents snapshot) {
        nextPhysicalOffset = snapshot.nextPhysicalOffset();
        snapshot.queueMaxOffsets().forEach((key, max) -> queues.put(key, new ConsumeQueue(max)));
        for (StoredEntry e : snapshot.entries()) {
            log.put(e.physicalOffset(), e);
            usedBytes += e.length();
            if (e.queued()) {
                ConsumeQueue queue = queues.get(keyOf(e));
                if (queue == null) {
                    throw new StoreException(snapshotFile + ": record at " + e.physicalOffset() + " of unknown queue "
                            + keyOf(e));
                }
                queue.restore(e);
            }
        }
    }

    @Override
    public void start() {
        // Nothing to start: no flush, dispatch or retention threads (see the class comment).
    }

    @Override
    public PutResult put(BrokerMessage message) {
        return append(List.of(message));
    }

    @Override
    public PutResult putBatch(List<BrokerMessage> messages) {
        // A batch is of one topic and queue, so that its messages get contiguous queue offsets.
        if (messages.isEmpty() || messages.stream().anyMatch(m -> !m.topic().equals(messages.get(0).topic())
                || m.queueId() != messages.get(0).queueId())) {
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        }
        return append(messages);
    }

    private PutResult append(List<BrokerMessage> messages) {
        for (BrokerMessage m : messages) {
            if (m.body().length > config.maxMessageSize()) {
                return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
            }
        }
        PutResult result;
        lock.writeLock().lock();
        try {
            if (closed) {
                return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
            }
            long now = clock.millis();
            BrokerMessage first = messages.get(0);
            ConsumeQueue queue = queue(first.topic(), first.queueId());
            long queueOffset = queue == null ? 0 : queue.maxOffset();
            // Encode every message before storing any: a batch with one bad message stores nothing.
            List<StoredEntry> entries = new ArrayList<>(messages.size());
            int bytes = 0;
            for (BrokerMessage m : messages) {
                boolean queued = StoredEntry.takesQueueOffset(m.sysFlag());
                ByteBuffer record;
                try {
                    // QUEUEOFFSET is the queue index (0 for records that take none), PHYSICALOFFSET our byte position.
                    record = StoredMessageCodec.encode(m, queued ? queueOffset : 0, nextPhysicalOffset + bytes, now);
                } catch (StoredMessageCodec.IllegalMessageException e) {
                    return PutResult.failed(String.valueOf(e.getMessage()).startsWith("properties")
                            ? PutStatus.PROPERTIES_SIZE_EXCEEDED : PutStatus.MESSAGE_ILLEGAL);
                }
                entries.add(StoredEntry.of(record.array(), m.tagsCode()));
                bytes += record.remaining();
                if (queued) {
                    queueOffset++;
                }
            }
            if (bytes > maxBytes) {
                return PutResult.failed(PutStatus.STORE_FULL);
            }
            removeOldest(now, bytes);
            long physicalOffset = nextPhysicalOffset;
            entries.forEach(this::add);
            putMessages += entries.size();
            putBytes += bytes;
            // Listeners must not block (SPI), so calling them under the lock is safe and keeps arrivals in
            // offset order; after the whole batch, so that a woken reader sees all of it.
            for (StoredEntry e : entries) {
                if (e.queued()) {
                    listener.onArrival(e.topic(), e.queueId(), e.queueOffset() + 1, e.tagsCode());
                }
            }
            result = new PutResult(PutStatus.OK, physicalOffset, bytes, entries.get(0).queueOffset(),
                    entries.size(), now);
        } finally {
            lock.writeLock().unlock();
        }
        // SYNC_FLUSH promises the bytes are durable when the put returns. Memory is not, so say so:
        // FLUSH_DISK_TIMEOUT means "stored, but not flushed" to the broker and to producers.
        return config.flushMode() == FlushMode.SYNC_FLUSH ? result.withStatus(PutStatus.FLUSH_DISK_TIMEOUT) : result;
    }

    private void add(StoredEntry e) {
        log.put(e.physicalOffset(), e);
        usedBytes += e.length();
        nextPhysicalOffset = e.physicalOffset() + e.length();
        if (e.queued()) {
            queues.computeIfAbsent(keyOf(e), k -> new ConsumeQueue(0)).append(e);
        }
    }

    /**
     * Retention: drops the oldest records while they are older than {@code fileReservedTime}, or while
     * {@code incoming} more bytes would not fit under {@code maxBytes}. Called on every put, it usually
     * looks at one record and stops; that is why the store needs no retention thread (and ignores
     * {@code deleteWhen}).
     */
    private long removeOldest(long now, long incoming) {
        long expiredBefore = now - Duration.ofHours(config.fileReservedHours()).toMillis();
        long removed = 0;
        while (!log.isEmpty()) {
            StoredEntry oldest = log.firstEntry().getValue();
            if (oldest.storeTimestamp() >= expiredBefore && usedBytes + incoming <= maxBytes) {
                break;
            }
            log.pollFirstEntry();
            usedBytes -= oldest.length();
            removed += oldest.length();
            if (oldest.queued()) {
                // Queues fill in log order, so the oldest record of the log is the oldest of its queue.
                queues.get(keyOf(oldest)).removeOldest();
            }
        }
        return removed;
    }

    @Override
    public GetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        lock.readLock().lock();
        try {
            ensureOpen();
            ConsumeQueue queue = queue(topic, queueId);
            if (queue == null) {
                return ListGetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
            }
            // The statuses and next offsets below are RocketMQ's; clients act on them.
            long min = queue.minOffset();
            long max = queue.maxOffset();
            if (max == 0) {
                return ListGetResult.empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
            } else if (offset < min) {
                return ListGetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
            } else if (offset == max) {
                return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
            } else if (offset > max) {
                return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, min == 0 ? 0 : max, min, max);
            }
            List<ByteBuffer> messages = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            long next = offset;
            int bytes = 0;
            int scanned = 0;
            for (StoredEntry e : queue.from(offset)) {
                if (messages.size() >= Math.max(1, maxCount) || scanned >= MAX_SCAN_ENTRIES
                        || (!messages.isEmpty() && bytes + e.length() > MAX_TRANSFER_BYTES)) {
                    break;
                }
                scanned++;
                next = e.queueOffset() + 1; // filtered entries are skipped too: the consumer must move past them
                if (filter.matchesTagsCode(e.tagsCode())
                        && (!filter.needsMessage() || filter.matchesMessage(e.view()))) {
                    messages.add(e.view());
                    offsets.add(e.queueOffset());
                    bytes += e.length();
                }
            }
            getMessages.add(messages.size());
            GetStatus status = !messages.isEmpty() ? GetStatus.FOUND
                    : scanned > 0 ? GetStatus.NO_MATCHED_MESSAGE : GetStatus.OFFSET_FOUND_NULL;
            return ListGetResult.of(status, next, min, max, messages, offsets);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<ByteBuffer> read(long physicalOffset) {
        // The SPI asks for a copy; a read-only view of bytes nobody ever changes is as good as one.
        return underReadLock(() -> Optional.ofNullable(log.get(physicalOffset)).map(StoredEntry::view));
    }

    @Override
    public QueryResult queryByKey(String topic, String key, int maxCount, long beginTimestamp, long endTimestamp) {
        return underReadLock(() -> {
            // A scan of the whole log, newest first, keeps the example short. A real store keeps a key
            // index (store-mmap's IndexFile) so that a query does not cost a pass over every message.
            List<ByteBuffer> found = new ArrayList<>();
            for (StoredEntry e : log.descendingMap().values()) {
                if (found.size() >= maxCount) {
                    break;
                }
                if (e.topic().equals(topic) && e.keys().contains(key)
                        && e.storeTimestamp() >= beginTimestamp && e.storeTimestamp() <= endTimestamp) {
                    found.add(e.view());
                }
            }
            StoredEntry newest = log.isEmpty() ? null : log.lastEntry().getValue();
            return new QueryResult(found, newest == null ? 0 : newest.storeTimestamp(),
                    newest == null ? 0 : newest.physicalOffset());
        });
    }

    @Override
    public long offsetByTimestamp(String topic, int queueId, long timestamp) {
        return underReadLock(() -> {
            ConsumeQueue queue = queue(topic, queueId);
            if (queue == null) {
                return 0L;
            }
            // Store times grow with queue offsets, so the first entry at or after the time is the answer.
            for (StoredEntry e : queue.all()) {
                if (e.storeTimestamp() >= timestamp) {
                    return e.queueOffset();
                }
            }
            return queue.maxOffset();
        });
    }

    @Override
    public long minOffset(String topic, int queueId) {
        return underReadLock(() -> Optional.ofNullable(queue(topic, queueId)).map(ConsumeQueue::minOffset).orElse(0L));
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        return underReadLock(() -> Optional.ofNullable(queue(topic, queueId)).map(ConsumeQueue::maxOffset).orElse(0L));
    }

    @Override
    public long storeTimestamp(String topic, int queueId, long offset) {
        return underReadLock(() -> Optional.ofNullable(queue(topic, queueId)).map(q -> q.at(offset))
                .map(StoredEntry::storeTimestamp).orElse(-1L));
    }

    @Override
    public Set<Integer> queueIds(String topic) {
        return underReadLock(() -> queues.keySet().stream().filter(k -> k.topic().equals(topic))
                .map(QueueKey::queueId).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public StoreStats stats() {
        return underReadLock(() -> {
            StoredEntry oldest = log.isEmpty() ? null : log.firstEntry().getValue();
            // "Disk" here is the maxBytes budget.
            return new StoreStats(oldest == null ? nextPhysicalOffset : oldest.physicalOffset(), nextPhysicalOffset,
                    putMessages, putBytes, getMessages.sum(), (double) usedBytes / maxBytes,
                    oldest == null ? 0 : oldest.storeTimestamp());
        });
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            queues.keySet().removeIf(k -> topics.contains(k.topic()));
            // A file-based log lets the bytes age out; memory can be given back at once, and the
            // records must not come back from the snapshot.
            for (Iterator<StoredEntry> it = log.values().iterator(); it.hasNext(); ) {
                StoredEntry e = it.next();
                if (topics.contains(e.topic())) {
                    it.remove();
                    usedBytes -= e.length();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long applyRetention(boolean force) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            return removeOldest(clock.millis(), 0);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Writes the snapshot and drops the contents. Idempotent; later calls fail (puts with a status). */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Map<QueueKey, Long> maxOffsets = new LinkedHashMap<>();
            queues.forEach((key, queue) -> maxOffsets.put(key, queue.maxOffset()));
            Snapshot.write(snapshotFile, nextPhysicalOffset, maxOffsets, log.values());
            LOG.info("in-memory example store closed: {} messages saved to {}", log.size(), snapshotFile);
        } catch (IOException e) {
            throw new StoreException("cannot write the in-memory store's snapshot " + snapshotFile, e);
        } finally {
            log.clear();
            queues.clear();
            lock.writeLock().unlock();
        }
    }

    private <T> T underReadLock(Supplier<T> read) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private ConsumeQueue queue(String topic, int queueId) {
        return queues.get(new QueueKey(topic, queueId));
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the in-memory store under " + snapshotFile.getParent() + " is closed");
        }
    }

    private static QueueKey keyOf(StoredEntry e) {
        return new QueueKey(e.topic(), e.queueId());
    }
}
