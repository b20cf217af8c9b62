package io.carrack.store.jdbc.internal;

import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer ({@code carrack-store-jdbc-writer}): takes the puts waiting in its queue, up to
 * {@code maxBatchMessages} messages or {@code maxBatchBytes}, assigns queue offsets (a counter per queue, so
 * offsets have no gaps or duplicates) and physical offsets (cumulative byte positions), inserts them with JDBC
 * batches and commits them in one transaction (group commit). Only after the commit (and, in SYNC_FLUSH on a
 * database whose commit is not durable by itself, after forcing it) are the new offsets published, the arrival
 * listener told and the puts answered; so an acknowledged put is committed, with ASYNC_FLUSH as well. A failed
 * transaction is rolled back and its puts are retried one by one, so one bad put fails alone.
 *
 * <p>Maintenance ({@link WriterTask}) runs between batches on the same connection.
 *
 * <p>Thread safety: {@link #submit} from any thread; everything else on the writer thread.
 */
final class WriteService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(WriteService.class);

    private final Database db;
    private final JdbcStoreConfig config;
    private final QueueTable queues;
    private final LogState log;
    private final InstantSource clock;
    private final MessageArrivalListener listener;
    private final Queue<WriterRequest> requests = new ConcurrentLinkedQueue<>();
    private final String insertMessageSql;
    private final String insertKeySql;
    private final String insertQueueSql;

    private Connection connection;
    private PreparedStatement insertMessage;
    private PreparedStatement insertKey;
    private PreparedStatement insertQueue;

    WriteService(Database db, QueueTable queues, LogState log, InstantSource clock, MessageArrivalListener listener) {
        super("store-jdbc", "writer", 100);
        this.db = db;
        this.config = db.config();
        this.queues = queues;
        this.log = log;
        this.clock = clock;
        this.listener = listener;
        this.insertMessageSql = "INSERT INTO " + config.table(Schema.MESSAGE_TABLE)
                + " (phys_offset, queue_key, queue_offset, tags_code, store_time, record_size, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.insertKeySql = "INSERT INTO " + config.table(Schema.KEY_TABLE) + " (id, key_hash, phys_offset)"
                + " VALUES (?, ?, ?)";
        this.insertQueueSql = "INSERT INTO " + config.table(Schema.QUEUE_TABLE)
                + " (queue_key, topic, queue_id, min_offset) VALUES (?, ?, ?, 0)";
    }

    /** Queues a request and wakes the writer. */
    void submit(WriterRequest r) {
        requests.add(r);
        wakeup();
    }

    @Override
    protected int doWork() {
        WriterRequest first = requests.poll();
        if (first == null) {
            return 0;
        }
        if (first instanceof WriterTask<?> task) {
            runTask(task);
            return 1;
        }
        PutRequest put = (PutRequest) first;
        if (!put.take()) {
            return 1;
        }
        List<PutRequest> batch = new ArrayList<>();
        batch.add(put);
        int count = put.messages.size();
        int bytes = put.bytes;
        while (count < config.maxBatchMessages() && bytes < config.maxBatchBytes()) {
            WriterRequest next = requests.peek();
            if (!(next instanceof PutRequest p)) {
                break;
            }
            requests.poll();
            if (p.take()) {
                batch.add(p);
                count += p.messages.size();
                bytes += p.bytes;
            }
        }
        write(batch);
        return count;
    }

    @Override
    protected void onStop() {
        // answer everything accepted before close: the store refuses new requests by now
        for (int guard = 0; guard < 1_000_000 && doWork() > 0; guard++) {
            // keep draining
        }
        closeConnection();
    }

    private void runTask(WriterTask<?> task) {
        try {
            ensureConnection();
            task.run(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} failed", task.name(), e);
            task.fail(e);
            rollbackQuietly();
            dropConnectionIfBroken();
        }
    }

    /** Writes puts in one transaction; on failure retries them one by one. */
    private void write(List<PutRequest> batch) {
        long now = clock.millis();
        long physBefore = log.nextPhysicalOffset;
        long queueKeyBefore = log.nextQueueKey;
        List<QueueState> created = new ArrayList<>(0);
        List<QueueState> touched = new ArrayList<>(4);
        List<Long> nextBefore = new ArrayList<>(4);
        List<PutResult> results = new ArrayList<>(batch.size());
        boolean committing = false;
        try {
            ensureConnection();
            boolean anyKeys = false;
            for (PutRequest put : batch) {
                QueueState q = put.needsQueue() ? queueFor(put, created) : null;
                if (q != null && !touched.contains(q)) {
                    touched.add(q);
                    nextBefore.add(q.next);
                }
                anyKeys |= add(put, q, now, results);
            }
            if (!created.isEmpty()) {
                insertQueue.executeBatch();
            }
            insertMessage.executeBatch();
            if (anyKeys) {
                insertKey.executeBatch();
            }
            committing = true;
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            log.nextPhysicalOffset = physBefore;
            log.nextQueueKey = queueKeyBefore;
            for (int i = 0; i < touched.size(); i++) {
                touched.get(i).next = nextBefore.get(i);
            }
            recover(e, committing);
            if (batch.size() > 1) {
                LOG.warn("a transaction of {} puts failed; retrying them one by one", batch.size(), e);
                for (PutRequest put : batch) {
                    write(List.of(put));
                }
            } else {
                LOG.error("put of {} message(s) to {}/{} failed", batch.get(0).messages.size(), batch.get(0).topic,
                        batch.get(0).queueId, e);
                batch.get(0).complete(PutResult.failed(PutStatus.UNKNOWN_ERROR));
            }
            return;
        }
        PutStatus status = PutStatus.OK;
        if (config.base().flushMode() == FlushMode.SYNC_FLUSH) {
            try {
                db.dialect().afterSyncCommit(connection);
            } catch (SQLException e) {
                LOG.error("committed, but forcing the commit to disk failed", e);
                status = PutStatus.FLUSH_DISK_TIMEOUT;
            }
        }
        publish(batch, created, touched, results, now);
        for (int i = 0; i < batch.size(); i++) {
            PutResult r = results.get(i);
            batch.get(i).complete(status == PutStatus.OK ? r : r.withStatus(status));
        }
    }

    /** The queue of a put, creating it (in this transaction) if new. */
    private QueueState queueFor(PutRequest put, List<QueueState> created) throws SQLException {
        QueueState q = queues.find(put.topic, put.queueId);
        if (q != null) {
            return q;
        }
        for (QueueState c : created) {
            if (c.queueId == put.queueId && c.topic.equals(put.topic)) {
                return c;
            }
        }
        q = new QueueState(log.nextQueueKey++, put.topic, put.queueId, 0, 0);
        insertQueue.setLong(1, q.key);
        insertQueue.setString(2, q.topic);
        insertQueue.setInt(3, q.queueId);
        insertQueue.addBatch();
        created.add(q);
        return q;
    }

    /** Assigns offsets to the messages of a put and adds their rows to the batches; true if any has keys. */
    private boolean add(PutRequest put, QueueState q, long now, List<PutResult> results) throws SQLException {
        long firstPhys = log.nextPhysicalOffset;
        long firstQueueOffset = -1;
        boolean keys = false;
        for (EncodedMessage m : put.messages) {
            long phys = log.nextPhysicalOffset;
            log.nextPhysicalOffset += m.size();
            insertMessage.setLong(1, phys);
            if (m.takesQueueOffset) {
                long qo = q.next++;
                if (firstQueueOffset < 0) {
                    firstQueueOffset = qo;
                }
                m.assign(qo, phys, now);
                insertMessage.setLong(2, q.key);
                insertMessage.setLong(3, qo);
            } else {
                m.assign(0, phys, now);
                insertMessage.setNull(2, Types.BIGINT);
                insertMessage.setNull(3, Types.BIGINT);
            }
            insertMessage.setLong(4, m.tagsCode);
            insertMessage.setLong(5, now);
            insertMessage.setInt(6, m.size());
            insertMessage.setBytes(7, m.record);
            insertMessage.addBatch();
            for (int k = 0; k < m.keyHashes.length; k++) {
                insertKey.setLong(1, phys * Schema.MAX_KEYS_PER_MESSAGE + k);
                insertKey.setLong(2, m.keyHashes[k]);
                insertKey.setLong(3, phys);
                insertKey.addBatch();
                keys = true;
            }
        }
        results.add(new PutResult(PutStatus.OK, firstPhys, put.bytes, firstQueueOffset < 0 ? 0 : firstQueueOffset,
                put.messages.size(), now));
        return keys;
    }

    /** Makes a committed batch visible: queues, offsets, counters, then the arrival listener. */
    private void publish(List<PutRequest> batch, List<QueueState> created, List<QueueState> touched,
                         List<PutResult> results, long now) {
        for (QueueState q : created) {
            queues.add(q);
        }
        for (QueueState q : touched) {
            q.maxOffset = q.next;
        }
        long count = 0;
        long bytes = 0;
        for (PutRequest p : batch) {
            count += p.messages.size();
            bytes += p.bytes;
        }
        PutRequest lastPut = batch.get(batch.size() - 1);
        log.lastPhysicalOffset = log.nextPhysicalOffset - lastPut.messages.get(lastPut.messages.size() - 1).size();
        log.lastStoreTime = now;
        log.maxPhysicalOffset = log.nextPhysicalOffset;
        log.putMessages.add(count);
        log.putBytes.add(bytes);
        for (int i = 0; i < batch.size(); i++) {
            PutRequest p = batch.get(i);
            long qo = results.get(i).queueOffset();
            for (EncodedMessage m : p.messages) {
                if (m.takesQueueOffset) {
                    tell(p.topic, p.queueId, ++qo, m.tagsCode);
                }
            }
        }
    }

    private void tell(String topic, int queueId, long nextOffset, long tagsCode) {
        try {
            listener.onArrival(topic, queueId, nextOffset, tagsCode);
        } catch (RuntimeException e) {
            LOG.warn("arrival listener failed for {}/{} at {}", topic, queueId, nextOffset - 1, e);
        }
    }

    /**
     * After a failed transaction: roll back, and if the connection broke or the commit itself failed (its
     * outcome unknown), reconnect and re-read the state from the tables.
     */
    private void recover(Exception cause, boolean commitFailed) {
        rollbackQuietly();
        if (commitFailed || !connectionValid()) {
            closeConnection();
            try {
                ensureConnection();
                QueueTable fresh = new QueueTable();
                LogState state = new LogState();
                new StateLoader(config).load(connection, fresh, state);
                connection.rollback();
                log.nextPhysicalOffset = state.nextPhysicalOffset;
                log.maxPhysicalOffset = state.maxPhysicalOffset;
                log.nextQueueKey = Math.max(log.nextQueueKey, state.nextQueueKey);
                for (QueueState q : fresh.all()) {
                    QueueState known = queues.find(q.topic, q.queueId);
                    if (known == null) {
                        queues.add(q);
                    } else {
                        known.next = q.maxOffset;
                        known.maxOffset = q.maxOffset;
                    }
                }
                LOG.info("writer state re-read after a failed transaction: log ends at {}", log.nextPhysicalOffset);
            } catch (SQLException | RuntimeException e) {
                cause.addSuppressed(e);
                closeConnection();
            }
        }
    }

    private boolean connectionValid() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void dropConnectionIfBroken() {
        if (!connectionValid()) {
            closeConnection();
        }
    }

    private void ensureConnection() throws SQLException {
        if (connection != null) {
            return;
        }
        Connection c = db.connect();
        try {
            db.dialect().configureWriter(c, config.base().flushMode(), config.base().flushIntervalMillis());
            c.commit();
            insertMessage = c.prepareStatement(insertMessageSql);
            insertKey = c.prepareStatement(insertKeySql);
            insertQueue = c.prepareStatement(insertQueueSql);
            connection = c;
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(c);
            throw e;
        }
    }

    private void rollbackQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            insertMessage.clearBatch();
            insertKey.clearBatch();
            insertQueue.clearBatch();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }

    private void closeConnection() {
        Database.closeQuietly(connection);
        connection = null;
        insertMessage = null;
        insertKey = null;
        insertQueue = null;
    }

    /** Fails whatever is still queued (after the thread stopped). */
    void abandonQueued() {
        for (WriterRequest r; (r = requests.poll()) != null; ) {
            r.abandon();
        }
    }
}
