package io.carrack.store.jdbc.internal;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC store: records in the stored layout as rows of {@code carrack_message} (see {@link Schema}), given
 * their offsets by the {@link OffsetAssigner}, written by one {@link WriteService} with group commit, read through
 * a connection pool ({@link MessageReader}).
 *
 * <p>Acknowledgement: with SYNC_FLUSH a put returns after its transaction committed and was forced to disk
 * (PostgreSQL's commit; H2's commit plus {@code CHECKPOINT SYNC}). With ASYNC_FLUSH a put returns once it is
 * accepted with its offsets; the writer commits it within milliseconds and retries until it does, and
 * {@link #close()} first commits everything accepted, so a clean shutdown loses nothing (a crash of the process
 * or the database may lose the last accepted puts, as ASYNC_FLUSH allows). Messages become readable (max
 * offset, arrival listener) when committed; {@link #read} and {@link #stats} wait for what was accepted before.
 *
 * <p>Retention by {@code fileReservedTime} ({@link Retention}); {@code diskMaxUsedSpaceRatio} is not applied (the
 * database manages its own space).
 *
 * <p>Thread safety: all methods may be called from any thread; puts are serialized by the writer.
 */
public final class JdbcMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(60);

    private final JdbcStoreConfig config;
    private final StoreConfig base;
    private final Database db;
    private final QueueTable queues = new QueueTable();
    private final LogState log = new LogState();
    private final WriteService writer;
    private final OffsetAssigner assigner;
    private final MessageReader reader;
    private final Retention retention;
    private final CleanService cleanService;
    private final long putTimeoutMillis;
    /** Read-locked while a put is handed to the writer, write-locked to close: no put is accepted after close. */
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    private JdbcMessageStore(StoreContext context) {
        this.base = context.config();
        this.config = JdbcStoreConfig.from(base);
        this.db = Database.open(config);
        try (Connection c = db.pool().getConnection()) {
            new StateLoader(config).load(c, queues, log);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new StoreException("cannot read the JDBC store state from " + config.maskedUrl() + ": "
                    + Database.sanitize(config, e.getMessage()), e);
        }
        this.writer = new WriteService(db, queues, log, context.listener());
        this.assigner = new OffsetAssigner(queues, log, context.clock(), writer);
        this.reader = new MessageReader(config, db.pool(), queues, log);
        this.retention = new Retention(config, context.clock(), writer, queues, log);
        this.cleanService = new CleanService(retention, config.cleanIntervalMillis());
        this.putTimeoutMillis = Math.max(base.syncFlushTimeoutMillis(), 1000);
        writer.start();
        LOG.info("opened JDBC store {}: {} queues, log {}..{}, {}", config.maskedUrl(), queues.all().size(),
                log.minPhysicalOffset, log.maxPhysicalOffset, base.flushMode());
    }

    /** Opens (creating or checking the tables of) a store. */
    public static JdbcMessageStore open(StoreContext context) {
        return new JdbcMessageStore(context);
    }

    @Override
    public void start() {
        ensureOpen();
        if (started.compareAndSet(false, true)) {
            cleanService.start();
        }
    }

    @Override
    public PutResult put(BrokerMessage message) {
        if (closed) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        if (message.body().length > base.maxMessageSize()) {
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        }
        EncodedMessage m;
        try {
            m = EncodedMessage.encode(message);
        } catch (StoredMessageCodec.IllegalMessageException e) {
            return PutResult.failed(illegalStatus(e));
        }
        return submit(request(message.topic(), message.queueId(), List.of(m)));
    }

    @Override
    public PutResult putBatch(List<BrokerMessage> messages) {
        if (closed) {
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        if (messages.isEmpty()) {
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        }
        String topic = messages.get(0).topic();
        int queueId = messages.get(0).queueId();
        List<EncodedMessage> encoded = new ArrayList<>(messages.size());
        for (BrokerMessage m : messages) {
            if (m.body().length > base.maxMessageSize() || topic == null || !topic.equals(m.topic())
                    || m.queueId() != queueId) {
                return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
            }
            try {
                encoded.add(EncodedMessage.encode(m));
            } catch (StoredMessageCodec.IllegalMessageException e) {
                return PutResult.failed(illegalStatus(e));
            }
        }
        return submit(request(topic, queueId, encoded));
    }

    private PutRequest request(String topic, int queueId, List<EncodedMessage> messages) {
        return new PutRequest(topic, queueId, messages, base.flushMode() == FlushMode.SYNC_FLUSH,
                WriteService.PERMIT_BYTES, writer.maxPermits());
    }

    private PutResult submit(PutRequest request) {
        if (writer.failure() != null) {
            // cannot happen unless a bug or the JVM broke the writer: refuse rather than accept what nobody writes
            LOG.error("refusing a put: the JDBC store writer died", writer.failure());
            return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
        }
        if (!writer.reserve(request, putTimeoutMillis)) {
            return PutResult.failed(closed ? PutStatus.SERVICE_NOT_AVAILABLE : PutStatus.OS_PAGECACHE_BUSY);
        }
        ReentrantReadWriteLock.ReadLock lock = closing.readLock();
        lock.lock();
        try {
            if (closed) {
                writer.unreserve(request);
                return PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
            }
            assigner.assignAndSubmit(request);
        } finally {
            lock.unlock();
        }
        if (base.flushMode() == FlushMode.SYNC_FLUSH) {
            return request.awaitDurable(base.syncFlushTimeoutMillis());
        }
        return request.result();
    }

    private static PutStatus illegalStatus(StoredMessageCodec.IllegalMessageException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.startsWith("properties") ? PutStatus.PROPERTIES_SIZE_EXCEEDED : PutStatus.MESSAGE_ILLEGAL;
    }

    @Override
    public GetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        ensureOpen();
        return reader.get(topic, queueId, offset, maxCount, filter == null ? MessageFilter.ALL : filter);
    }

    @Override
    public Optional<ByteBuffer> read(long physicalOffset) {
        ensureOpen();
        if (physicalOffset >= 0) {
            log.awaitCommitted(physicalOffset + 1);
        }
        return reader.read(physicalOffset);
    }

    @Override
    public QueryResult queryByKey(String topic, String key, int maxCount, long beginTimestamp, long endTimestamp) {
        ensureOpen();
        return reader.queryByKey(topic, key, maxCount, beginTimestamp, endTimestamp);
    }

    @Override
    public long offsetByTimestamp(String topic, int queueId, long timestamp) {
        ensureOpen();
        return reader.offsetByTimestamp(topic, queueId, timestamp);
    }

    @Override
    public long minOffset(String topic, int queueId) {
        ensureOpen();
        QueueState q = queues.find(topic, queueId);
        return q == null ? 0 : q.minOffset;
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        ensureOpen();
        QueueState q = queues.find(topic, queueId);
        return q == null ? 0 : q.maxOffset;
    }

    @Override
    public long storeTimestamp(String topic, int queueId, long offset) {
        ensureOpen();
        return reader.storeTimestamp(topic, queueId, offset);
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        ensureOpen();
        assigner.removeTopics(topics, doomed -> new WriterTask<>("deletion of topics " + topics,
                c -> deleteTopics(c, topics, doomed))).await();
    }

    /** Deletes the queues' rows in one transaction. Writer thread only, after the puts accepted before. */
    private int deleteTopics(Connection c, Set<String> topics, List<QueueState> doomed) throws SQLException {
        int rows = 0;
        try (PreparedStatement deleteMessages = c.prepareStatement("DELETE FROM "
                + config.table(Schema.MESSAGE_TABLE) + " WHERE queue_key = ?");
             PreparedStatement deleteQueue = c.prepareStatement("DELETE FROM " + config.table(Schema.QUEUE_TABLE)
                     + " WHERE queue_key = ?")) {
            for (QueueState q : doomed) {
                deleteMessages.setLong(1, q.key);
                rows += deleteMessages.executeUpdate();
                deleteQueue.setLong(1, q.key);
                deleteQueue.executeUpdate();
            }
            c.commit();
        }
        for (QueueState q : doomed) {
            queues.remove(q);
        }
        LOG.info("deleted topics {}: {} queues, {} records", topics, doomed.size(), rows);
        return rows;
    }

    @Override
    public Set<Integer> queueIds(String topic) {
        ensureOpen();
        return queues.queueIds(topic);
    }

    @Override
    public StoreStats stats() {
        ensureOpen();
        log.awaitCommitted(log.nextPhysicalOffset);
        return new StoreStats(log.minPhysicalOffset, log.maxPhysicalOffset, log.putMessages.sum(),
                log.putBytes.sum(), log.getMessages.sum(), diskUsedRatio(), reader.earliestStoreTime());
    }

    /** Use of the disk under the store root (where an embedded database lives); 0 if unknown. */
    private double diskUsedRatio() {
        try {
            Path root = base.rootDir();
            FileStore fs = Files.getFileStore(Files.exists(root) ? root : root.toAbsolutePath().getRoot());
            long total = fs.getTotalSpace();
            return total <= 0 ? 0 : Math.max(0, Math.min(1, 1 - (double) fs.getUsableSpace() / total));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public long applyRetention(boolean force) {
        ensureOpen();
        return retention.apply(force);
    }

    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock lock = closing.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        cleanService.shutdown();
        if (!writer.shutdown(WRITER_STOP_TIMEOUT)) {
            LOG.error("the JDBC store writer did not stop within {}", WRITER_STOP_TIMEOUT);
        }
        writer.abandonQueued();
        db.close();
        LOG.info("closed JDBC store {}", config.maskedUrl());
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the JDBC store at " + config.maskedUrl() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcMessageStore[" + config.maskedUrl() + "]";
    }
}
