package io.carrack.store.lmdb.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.store.StoreStats;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.lmdbjava.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMDB store: one environment under {@code storePathRootDir/lmdb} ({@link StoreEnv}, layout in
 * {@link LmdbLayout}). Puts go through the single writer thread ({@link WriterService}, group commit); a put
 * returns after its transaction committed, so it is readable at once, and with SYNC_FLUSH durable. Reads run in
 * their own read transactions and return copies.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class LmdbMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbMessageStore.class);
    /** Records one retention transaction removes at most, so that puts interleave with a long run. */
    private static final int RETENTION_CHUNK = 10_000;
    private static final long SLOW_WAIT_MILLIS = 100;

    private final StoreConfig base;
    private final LmdbStoreConfig config;
    private final InstantSource clock;
    private final Path dir;
    private final StoreEnv env;
    private final QueueTable queues;
    private final KeyIndex keyIndex;
    private final RecordAppender appender;
    private final QueueReader reader;
    private final WriterService writer;
    private final FlushService flushService;
    private final CleanService cleanService;
    private final Retention retention;
    private final ReadGuard guard;
    private final LongAdder getMessages = new LongAdder();
    private final AtomicBoolean started = new AtomicBoolean();

    private LmdbMessageStore(StoreContext context) {
        this.base = context.config();
        this.config = LmdbStoreConfig.from(base);
        this.clock = context.clock();
        this.dir = base.rootDir().resolve("lmdb");
        this.env = StoreEnv.open(dir, config);
        try {
            this.queues = new QueueTable();
            StoreLoader.Loaded loaded = StoreLoader.load(env, queues);
            this.keyIndex = new KeyIndex(env);
            this.appender = new RecordAppender(env, queues, clock, context.listener(), keyIndex,
                    loaded.nextPhysicalOffset(), loaded.lastStoreTimestamp(), loaded.lastPhysicalOffset());
            this.reader = new QueueReader(env, queues, config.maxTransferBytes(), config.maxScanEntries());
            SpaceGuard space = new SpaceGuard(env, SpaceGuard.reserveFor(env.mapSize(), env.pageSize()));
            this.writer = new WriterService(env, appender, space, config.maxBatchMessages(), config.maxBatchBytes());
            this.flushService = base.flushMode() == FlushMode.ASYNC_FLUSH
                    ? new FlushService(env, base.flushIntervalMillis()) : null;
            this.retention = new Retention(base.deleteWhen(), clock);
            this.cleanService = new CleanService(this::maintenance, config.cleanIntervalMillis());
            this.guard = new ReadGuard(dir.toString());
            LOG.info("opened lmdb store at {}: map {} bytes, {} queues, next physical offset {}, {}", dir,
                    env.mapSize(), queues.all().size(), loaded.nextPhysicalOffset(), base.flushMode());
        } catch (RuntimeException e) {
            env.close();
            throw e instanceof StoreException se ? se : new StoreException("cannot open the store at " + dir, e);
        }
    }

    /** Opens (creating or recovering) a store. */
    public static LmdbMessageStore open(StoreContext context) {
        return new LmdbMessageStore(context);
    }

    @Override
    public void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) {
            return;
        }
        writer.start();
        if (flushService != null) {
            flushService.start();
        }
        cleanService.start();
    }

    @Override
    public PutResult put(BrokerMessage message) {
        if (guard.isClosed()) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        PutStatus refused = MessageChecks.check(message, base.maxMessageSize());
        if (refused != null) {
            return PutResult.failed(refused);
        }
        return submitAndWait(new PutRequest(List.of(message), new int[] {StoredMessageCodec.encodedLength(message)}));
    }

    @Override
    public PutResult putBatch(List<BrokerMessage> messages) {
        if (guard.isClosed()) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        PutStatus refused = MessageChecks.checkBatch(messages, base.maxMessageSize());
        if (refused != null) {
            return PutResult.failed(refused);
        }
        List<BrokerMessage> batch = List.copyOf(messages);
        int[] sizes = new int[batch.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = StoredMessageCodec.encodedLength(batch.get(i));
        }
        return submitAndWait(new PutRequest(batch, sizes));
    }

    private PutResult submitAndWait(PutRequest r) {
        // Inside the guard: the caller may write the transaction itself, so close must wait for it.
        if (!guard.tryEnter()) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        try {
            writer.submit(r);
        } finally {
            guard.leave();
        }
        if (guard.isClosed()) {
            r.failIfPending();
        }
        if (r.await(base.syncFlushTimeoutMillis())) {
            return r.result();
        }
        awaitSlow(r);
        PutResult result = r.result();
        if (result == null) {
            return PutResult.failed(PutStatus.UNKNOWN_ERROR);
        }
        return base.flushMode() == FlushMode.SYNC_FLUSH && result.status() == PutStatus.OK
                ? result.withStatus(PutStatus.FLUSH_DISK_TIMEOUT) : result;
    }

    /** Waits past the timeout while the writer lives: a claimed request is always completed. */
    private void awaitSlow(WriteRequest r) {
        while (!r.await(SLOW_WAIT_MILLIS)) {
            if (!writer.isAlive()) {
                r.failIfPending();
                if (!r.isDone()) {
                    LOG.error("the writer thread of {} died while writing a request", dir);
                    return;
                }
            }
        }
    }

    private void runTask(WriteTask task) {
        TaskRequest r = new TaskRequest(task);
        if (!guard.tryEnter()) {
            throw new StoreException("the store at " + dir + " is closed");
        }
        try {
            writer.submit(r);
        } finally {
            guard.leave();
        }
        if (guard.isClosed()) {
            r.failIfPending();
        }
        awaitSlow(r);
        if (!r.isDone()) {
            throw new StoreException("the writer thread of " + dir + " died");
        }
        if (r.failure() != null) {
            throw new StoreException("store task failed at " + dir + ": " + r.failure().getMessage(), r.failure());
        }
    }

    @Override
    public GetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        guard.enter();
        try {
            GetResult r = reader.get(topic, queueId, offset, maxCount, filter == null ? MessageFilter.ALL : filter);
            getMessages.add(r.messages().size());
            return r;
        } finally {
            guard.leave();
        }
    }

    @Override
    public Optional<ByteBuffer> read(long physicalOffset) {
        guard.enter();
        try {
            return reader.read(physicalOffset);
        } finally {
            guard.leave();
        }
    }

    @Override
    public QueryResult queryByKey(String topic, String key, int maxCount, long beginTimestamp, long endTimestamp) {
        guard.enter();
        try {
            return keyIndex.query(topic, key, maxCount, beginTimestamp, endTimestamp, appender.lastStoreTimestamp(),
                    appender.lastPhysicalOffset());
        } finally {
            guard.leave();
        }
    }

    @Override
    public long offsetByTimestamp(String topic, int queueId, long timestamp) {
        guard.enter();
        try {
            return reader.offsetByTimestamp(topic, queueId, timestamp);
        } finally {
            guard.leave();
        }
    }

    @Override
    public long minOffset(String topic, int queueId) {
        ensureOpen();
        QueueState q = queues.find(topic, queueId);
        return q == null ? 0 : q.minOffset();
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        ensureOpen();
        QueueState q = queues.find(topic, queueId);
        return q == null ? 0 : q.maxOffset();
    }

    @Override
    public long storeTimestamp(String topic, int queueId, long offset) {
        guard.enter();
        try {
            return reader.storeTimestamp(topic, queueId, offset);
        } finally {
            guard.leave();
        }
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        ensureOpen();
        if (!topics.isEmpty()) {
            runTask(new TopicDeletionTask(env, queues, keyIndex, topics));
        }
    }

    @Override
    public Set<Integer> queueIds(String topic) {
        ensureOpen();
        return queues.queueIds(topic);
    }

    @Override
    public StoreStats stats() {
        guard.enter();
        try {
            long max = appender.nextPhysicalOffset();
            return new StoreStats(reader.firstPhysicalOffset(max), max, appender.putMessages(), appender.putBytes(),
                    getMessages.sum(), env.usedRatio(), reader.earliestStoreTime());
        } finally {
            guard.leave();
        }
    }

    @Override
    public long applyRetention(boolean force) {
        ensureOpen();
        long cutoff = clock.millis() - base.fileReservedHours() * 3_600_000L;
        long budget = force ? Long.MAX_VALUE : config.deleteRecordsPerRun();
        long bytes = 0;
        long records = 0;
        int chunk = RETENTION_CHUNK;
        while (budget > 0) {
            RetentionTask t = new RetentionTask(env, queues, keyIndex, cutoff, (int) Math.min(budget, chunk),
                    appender::nextPhysicalOffset);
            try {
                runTask(t);
            } catch (StoreException e) {
                if (!(e.getCause() instanceof Env.MapFullException) || chunk == 1) {
                    throw e;
                }
                chunk = Math.max(1, chunk / 4);
                LOG.info("retention needs more free pages than the map has; retrying {} records at a time", chunk);
                continue;
            }
            bytes += t.removedBytes();
            records += t.removedRecords();
            budget -= t.removedRecords();
            if (t.reachedCutoff() || t.removedRecords() == 0) {
                break;
            }
        }
        if (records > 0) {
            LOG.info("retention removed {} records ({} bytes) stored before {}", records, bytes, cutoff);
        }
        return bytes;
    }

    /** Periodic work of the clean service: retention in the {@code deleteWhen} hours. */
    private void maintenance() {
        if (guard.isClosed() || !retention.isTimeToDelete()) {
            return;
        }
        try {
            applyRetention(false);
        } catch (StoreException e) {
            if (!guard.isClosed()) {
                throw e;
            }
        }
    }

    /** The environment's map use, 0..1 (tests). */
    double mapUsedRatio() {
        return env.usedRatio();
    }

    @Override
    public void close() {
        if (!guard.close()) {
            return;
        }
        cleanService.shutdown();
        boolean drained = guard.drain();
        writer.shutdown();
        writer.failPending();
        if (flushService != null) {
            flushService.shutdown();
        }
        if (writer.isAlive() || !drained) {
            LOG.error("not closing the LMDB environment at {}: a thread still uses it", dir);
            return;
        }
        try {
            env.sync();
        } catch (RuntimeException e) {
            LOG.error("final sync of {} failed", dir, e);
        } finally {
            env.close();
        }
        LOG.info("closed lmdb store at {}", dir);
    }

    private void ensureOpen() {
        if (guard.isClosed()) {
            throw new StoreException("the store at " + dir + " is closed");
        }
    }

    @Override
    public String toString() {
        return "LmdbMessageStore[" + dir + "]";
    }
}
