package io.carrack.store.mmap.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageDescriptor;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory-mapped store: a {@link CommitLog} of fixed-size mapped files, consume queues and a key index
 * built from it by the {@link Dispatcher}, a checkpoint and an abort file for recovery. Layout under the
 * root directory: {@code commitlog/}, {@code consumequeue/<topic>/<queueId>/}, {@code index/},
 * {@code checkpoint}, {@code abort} (present while open), {@code lock}, {@code deleted-topics.properties}.
 *
 * <p>Thread safety: all methods may be called from any thread; puts are serialized by the commit log.
 */
public final class MmapMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(MmapMessageStore.class);

    private final MmapStoreConfig config;
    private final StoreConfig base;
    private final InstantSource clock;
    private final Path root;
    private final DiskUsage disk;
    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final DeletedTopics deleted;
    private final Dispatcher dispatcher;
    private final QueueReader reader;
    private final Retention retention;
    private final Checkpoint checkpoint;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FlushService flushService;
    private final DispatchService dispatchService;
    private final CheckpointService checkpointService;
    private final CleanService cleanService;
    private final AllocateService allocateService;
    private final LongAdder getMessages = new LongAdder();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean diskFull;

    private MmapMessageStore(StoreContext context, DiskUsage diskUsage) {
        this.base = context.config();
        this.config = MmapStoreConfig.from(base);
        this.clock = context.clock();
        this.root = base.rootDir();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + root, e);
        }
        this.lockChannel = openLock(root.resolve("lock"));
        this.lock = tryLock(lockChannel, root);
        this.disk = diskUsage != null ? diskUsage : DiskUsage.of(root);
        TagsCodeHandoff handoff = new TagsCodeHandoff();
        this.log = new CommitLog(config.commitLogDir(), base.commitLogFileSize(), base.maxMessageSize(), clock,
                handoff, bytes -> disk.usableBytes() > 2L * bytes);
        this.queues = new ConsumeQueueTable(root.resolve("consumequeue"), base.consumeQueueFileSize());
        this.index = new IndexService(root.resolve("index"), config.indexHashSlots(), config.indexMaxEntries());
        this.deleted = new DeletedTopics(root.resolve("deleted-topics.properties"));
        this.dispatcher = new Dispatcher(log, queues, index, deleted, handoff, new TagsCodes(config.delayLevels()),
                context.listener());
        this.reader = new QueueReader(log, queues, config.maxTransferBytes(), config.maxScanEntries());
        this.retention = new Retention(config, clock, disk, log, queues, index, deleted);

        Path abort = root.resolve("abort");
        Path checkpointPath = root.resolve("checkpoint");
        boolean crashed = Files.exists(abort);
        Optional<Checkpoint.State> state = Checkpoint.read(checkpointPath);
        long end;
        try {
            log.files().load();
            deleted.load();
            queues.load();
            index.load();
            end = new StoreRecovery(log, queues, index, dispatcher).recover(state, crashed);
            Files.writeString(abort, "open since " + clock.instant() + "\n");
        } catch (IOException | RuntimeException e) {
            closeFiles();
            throw e instanceof StoreException se ? se : new StoreException("cannot open the store at " + root, e);
        }
        this.checkpoint = new Checkpoint(checkpointPath);
        this.flushService = new FlushService(log, base.flushMode(), base.flushIntervalMillis(),
                state.map(Checkpoint.State::commitLogFlushedOffset).orElse(0L));
        this.dispatchService = new DispatchService(dispatcher, log);
        this.checkpointService = new CheckpointService(this::checkpoint, config.checkpointIntervalMillis());
        this.cleanService = new CleanService(this::maintenance, config.cleanIntervalMillis());
        this.allocateService = new AllocateService(log);
        this.diskFull = retention.diskFull();
        LOG.info("opened mmap store at {}: log {}..{}, {} consume queues, {}", root, log.minOffset(), end,
                queues.all().size(), base.flushMode());
    }

    /** Opens (creating or recovering) a store. */
    public static MmapMessageStore open(StoreContext context) {
        return new MmapMessageStore(context, null);
    }

    /** Opens a store with a simulated disk (tests). */
    static MmapMessageStore open(StoreContext context, DiskUsage disk) {
        return new MmapMessageStore(context, disk);
    }

    @Override
    public void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) {
            return;
        }
        flushService.start();
        dispatchService.start();
        checkpointService.start();
        cleanService.start();
        allocateService.start();
    }

    @Override
    public PutResult put(BrokerMessage message) {
        if (closed.get()) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        if (diskFull) {
            return PutResult.failed(PutStatus.STORE_FULL);
        }
        return afterAppend(log.append(message));
    }

    @Override
    public PutResult putBatch(List<BrokerMessage> messages) {
        if (closed.get()) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        if (diskFull) {
            return PutResult.failed(PutStatus.STORE_FULL);
        }
        return afterAppend(log.appendBatch(messages));
    }

    private PutResult afterAppend(PutResult r) {
        if (!r.status().stored()) {
            return r;
        }
        dispatchService.wakeup();
        if (base.flushMode() == FlushMode.SYNC_FLUSH
                && !flushService.awaitFlushed(r.physicalOffset() + r.wroteBytes(), base.syncFlushTimeoutMillis())) {
            return r.withStatus(PutStatus.FLUSH_DISK_TIMEOUT);
        }
        return r;
    }

    @Override
    public GetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        ensureOpen();
        GetResult r = reader.get(topic, queueId, offset, maxCount, filter == null ? MessageFilter.ALL : filter);
        getMessages.add(r.messages().size());
        return r;
    }

    @Override
    public Optional<ByteBuffer> read(long physicalOffset) {
        ensureOpen();
        return log.read(physicalOffset);
    }

    @Override
    public QueryResult queryByKey(String topic, String key, int maxCount, long beginTimestamp, long endTimestamp) {
        ensureOpen();
        return index.query(topic, key, Math.max(0, maxCount), beginTimestamp, endTimestamp, log::read,
                deleted::isDeleted);
    }

    @Override
    public long offsetByTimestamp(String topic, int queueId, long timestamp) {
        ensureOpen();
        return reader.offsetByTimestamp(topic, queueId, timestamp);
    }

    @Override
    public long minOffset(String topic, int queueId) {
        ensureOpen();
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.minOffset();
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        ensureOpen();
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.maxOffset();
    }

    @Override
    public long storeTimestamp(String topic, int queueId, long offset) {
        ensureOpen();
        return reader.storeTimestamp(topic, queueId, offset);
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        ensureOpen();
        dispatcher.lock().lock();
        try {
            log.putLock().lock();
            try {
                long watermark = log.readableOffset();
                for (String topic : topics) {
                    deleted.delete(topic, watermark);
                    queues.removeTopic(topic);
                    log.removeQueueOffsets(topic);
                    LOG.info("deleted topic {} (records below {})", topic, watermark);
                }
            } finally {
                log.putLock().unlock();
            }
        } finally {
            dispatcher.lock().unlock();
        }
    }

    @Override
    public Set<Integer> queueIds(String topic) {
        ensureOpen();
        return queues.queueIds(topic);
    }

    @Override
    public StoreStats stats() {
        ensureOpen();
        return new StoreStats(log.minOffset(), log.readableOffset(), log.putMessages(), log.putBytes(),
                getMessages.sum(), Math.max(0, Math.min(1, disk.usedRatio())), earliestStoreTime());
    }

    private long earliestStoreTime() {
        MappedFile f = log.files().first();
        if (f == null || !f.hold()) {
            return 0;
        }
        try {
            if (f.wrotePosition() < RecordReader.MIN_RECORD_LENGTH
                    || f.getInt(StoredMessageDescriptor.MAGIC_OFFSET) != StoredMessageDescriptor.MESSAGE_MAGIC) {
                return 0;
            }
            int sysFlag = f.getInt(StoredMessageDescriptor.SYS_FLAG_OFFSET);
            return f.getLong(StoredMessageDescriptor.storeTimestampOffset(sysFlag));
        } finally {
            f.release();
        }
    }

    @Override
    public long applyRetention(boolean force) {
        ensureOpen();
        return retention.apply(force);
    }

    /** Periodic work of the clean service: disk-full flag and retention at {@code deleteWhen}. */
    private void maintenance() {
        diskFull = retention.diskFull();
        if (retention.isTimeToDelete()) {
            retention.apply(false);
            diskFull = retention.diskFull();
        }
    }

    /** Forces queues and index and records how far they and the log are on disk. */
    private void checkpoint() {
        long dispatched = dispatcher.dispatchedOffset();
        queues.flush();
        index.flush();
        long flushed = base.flushMode() == FlushMode.SYNC_FLUSH ? flushService.flushedOffset() : log.flush();
        checkpoint.write(new Checkpoint.State(flushed, Math.min(dispatched, flushed), clock.millis()));
    }

    /** The commit log (tests). */
    CommitLog logForTests() {
        return log;
    }

    /** Whether writes are refused because the disk is full (tests). */
    boolean isDiskFull() {
        return diskFull;
    }

    /** Re-reads disk use now (tests). */
    void checkDisk() {
        diskFull = retention.diskFull();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.putLock().lock();
        log.putLock().unlock();
        cleanService.shutdown();
        allocateService.shutdown();
        checkpointService.shutdown();
        flushService.shutdown();
        dispatchService.shutdown();
        try {
            long end = log.readableOffset();
            dispatcher.dispatch(end, Integer.MAX_VALUE);
            log.flush();
            queues.flush();
            index.flush();
            checkpoint.write(new Checkpoint.State(end, dispatcher.dispatchedOffset(), clock.millis()));
            Files.deleteIfExists(root.resolve("abort"));
        } catch (IOException | RuntimeException e) {
            LOG.error("failed to shut the store at {} down cleanly; recovery will run at the next open", root, e);
        } finally {
            checkpoint.close();
            closeFiles();
        }
        LOG.info("closed mmap store at {}", root);
    }

    private void closeFiles() {
        queues.close();
        index.close();
        log.close();
        try {
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("cannot release the lock of {}", root, e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new StoreException("the store at " + root + " is closed");
        }
    }

    private static FileChannel openLock(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + path, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path root) {
        try {
            FileLock l = channel.tryLock();
            if (l == null) {
                throw new StoreException("the store at " + root + " is in use by another process");
            }
            return l;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException("the store at " + root + " is already open in this process", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + root, e);
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }

    @Override
    public String toString() {
        return "MmapMessageStore[" + root + "]";
    }
}
