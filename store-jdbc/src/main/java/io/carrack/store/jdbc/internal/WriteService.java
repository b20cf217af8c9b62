package io.carrack.store.jdbc.internal;

import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.PutStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer ({@code carrack-store-jdbc-writer}): takes the accepted puts waiting in its queue (their
 * offsets already assigned, in offset order), up to {@code maxBatchMessages} messages or {@code maxBatchBytes},
 * inserts them with JDBC batches and commits them in one transaction (group commit). After the commit (and, in
 * SYNC_FLUSH on a database whose commit alone is not durable, after forcing it) it publishes the new queue ends,
 * tells the arrival listener and answers SYNC_FLUSH puts.
 *
 * <p>A failed transaction is rolled back and retried (after reconnecting) until it commits; a retry first checks
 * whether the failed commit went through after all. Offsets are never given back, so queues have no gaps. While
 * stopping, a transaction that keeps failing is given up after {@link #ATTEMPTS_WHEN_STOPPING} attempts, with an
 * error naming how many accepted messages were lost.
 *
 * <p>Accepted but uncommitted bytes are bounded by {@code maxPendingBytes} ({@link #reserve}). Maintenance
 * ({@link WriterTask}) runs between transactions on the same connection.
 *
 * <p>Thread safety: {@link #submit}, {@link #reserve} from any thread; everything else on the writer thread.
 */
final class WriteService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(WriteService.class);
    /** Retry period of a failing transaction. */
    private static final long RETRY_MILLIS = 100;
    private static final int ATTEMPTS_WHEN_STOPPING = 30;
    /** Unit of the pending-bytes limit. */
    static final int PERMIT_BYTES = 1024;

    private final Database db;
    private final JdbcStoreConfig config;
    private final QueueTable readable;
    private final LogState log;
    private final MessageArrivalListener listener;
    private final Queue<WriterRequest> requests = new ConcurrentLinkedQueue<>();
    private final Semaphore pending;
    private final int maxPermits;
    private final String insertMessageSql;
    private final String insertKeySql;
    private final String insertQueueSql;
    private final String existsSql;

    private Connection connection;
    private PreparedStatement insertMessage;
    private PreparedStatement insertKey;
    private PreparedStatement insertQueue;
    /** The batch being written (retried until it commits). */
    private List<PutRequest> inFlight;
    private int attempts;

    WriteService(Database db, QueueTable readable, LogState log, MessageArrivalListener listener) {
        super("store-jdbc", "writer", RETRY_MILLIS);
        this.db = db;
        this.config = db.config();
        this.readable = readable;
        this.log = log;
        this.listener = listener;
        this.maxPermits = Math.max(1, config.maxPendingBytes() / PERMIT_BYTES);
        this.pending = new Semaphore(maxPermits);
        this.insertMessageSql = "INSERT INTO " + config.table(Schema.MESSAGE_TABLE)
                + " (phys_offset, queue_key, queue_offset, tags_code, store_time, record_size, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.insertKeySql = "INSERT INTO " + config.table(Schema.KEY_TABLE) + " (id, key_hash, phys_offset)"
                + " VALUES (?, ?, ?)";
        this.insertQueueSql = "INSERT INTO " + config.table(Schema.QUEUE_TABLE)
                + " (queue_key, topic, queue_id, min_offset) VALUES (?, ?, ?, 0)";
        this.existsSql = "SELECT 1 FROM " + config.table(Schema.MESSAGE_TABLE) + " WHERE phys_offset = ?";
    }

    /** Permits a put of this many bytes needs. */
    int maxPermits() {
        return maxPermits;
    }

    /**
     * Waits until the put fits under the pending-bytes limit and reserves its share.
     *
     * @return false if it did not fit within the timeout
     */
    boolean reserve(PutRequest put, long timeoutMillis) {
        if (pending.tryAcquire(put.permits)) {
            return true;
        }
        try {
            return pending.tryAcquire(put.permits, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back a reservation whose put was not submitted. */
    void unreserve(PutRequest put) {
        pending.release(put.permits);
    }

    /** Queues a request and wakes the writer. */
    void submit(WriterRequest r) {
        requests.add(r);
        wakeup();
    }

    @Override
    protected int doWork() {
        if (inFlight == null) {
            WriterRequest first = requests.poll();
            if (first == null) {
                return 0;
            }
            if (first instanceof WriterTask<?> task) {
                runTask(task);
                return 1;
            }
            inFlight = drain((PutRequest) first);
        }
        PutStatus status = write(inFlight);
        if (status == null) {
            attempts++;
            if (isStopped() && attempts >= ATTEMPTS_WHEN_STOPPING) {
                giveUp();
                return 1;
            }
            return 0;
        }
        List<PutRequest> batch = inFlight;
        inFlight = null;
        attempts = 0;
        return publish(batch, status);
    }

    private List<PutRequest> drain(PutRequest first) {
        List<PutRequest> batch = new ArrayList<>();
        batch.add(first);
        int count = first.messages.size();
        int bytes = first.bytes;
        while (count < config.maxBatchMessages() && bytes < config.maxBatchBytes()) {
            WriterRequest next = requests.peek();
            if (!(next instanceof PutRequest p)) {
                break;
            }
            requests.poll();
            batch.add(p);
            count += p.messages.size();
            bytes += p.bytes;
        }
        return batch;
    }

    @Override
    protected void onStop() {
        // write everything accepted before close (the store accepts nothing new by now), then disconnect
        for (int guard = 0; guard < 10_000_000 && (inFlight != null || !requests.isEmpty()); guard++) {
            if (doWork() == 0 && inFlight != null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
            }
        }
        closeConnection();
    }

    private void runTask(WriterTask<?> task) {
        try {
            ensureConnection();
            task.run(connection);
        } catch (SQLException | RuntimeException | AssertionError e) {
            LOG.warn("{} failed", task.name(), e);
            task.fail(e);
            rollbackQuietly();
            dropConnectionIfBroken();
        }
    }

    /**
     * Inserts and commits a batch.
     *
     * @return OK, FLUSH_DISK_TIMEOUT if committed but not forced to disk, or null if the transaction failed
     */
    private PutStatus write(List<PutRequest> batch) {
        try {
            ensureConnection();
            if (attempts > 0 && committedBefore(batch)) {
                LOG.info("the transaction that failed at its commit had committed; going on");
                return PutStatus.OK;
            }
            List<QueueState> created = new ArrayList<>(0);
            boolean anyKeys = false;
            for (PutRequest put : batch) {
                QueueState q = put.queue;
                if (q != null && !q.persisted && !created.contains(q)) {
                    insertQueue.setLong(1, q.key);
                    insertQueue.setString(2, q.topic);
                    insertQueue.setInt(3, q.queueId);
                    insertQueue.addBatch();
                    created.add(q);
                }
                anyKeys |= add(put);
            }
            if (!created.isEmpty()) {
                insertQueue.executeBatch();
            }
            insertMessage.executeBatch();
            if (anyKeys) {
                insertKey.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException | AssertionError e) {
            // AssertionError: pgjdbc throws one from its batch error handling when the session was terminated
            // under the batch; it is a failed transaction like any other, not a reason for the writer to die
            LOG.error("a transaction of {} put(s) failed (attempt {}); it is retried until it commits", batch.size(),
                    attempts + 1, e);
            rollbackQuietly();
            closeConnection();
            return null;
        }
        if (config.base().flushMode() == FlushMode.SYNC_FLUSH) {
            try {
                db.dialect().afterSyncCommit(connection);
            } catch (SQLException e) {
                LOG.error("committed, but forcing the commit to disk failed", e);
                return PutStatus.FLUSH_DISK_TIMEOUT;
            }
        }
        return PutStatus.OK;
    }

    /** Adds the rows of a put to the JDBC batches; true if it has keys. */
    private boolean add(PutRequest put) throws SQLException {
        boolean keys = false;
        for (EncodedMessage m : put.messages) {
            long phys = m.physicalOffset;
            insertMessage.setLong(1, phys);
            if (m.queueOffset >= 0) {
                insertMessage.setLong(2, put.queue.key);
                insertMessage.setLong(3, m.queueOffset);
            } else {
                insertMessage.setNull(2, Types.BIGINT);
                insertMessage.setNull(3, Types.BIGINT);
            }
            insertMessage.setLong(4, m.tagsCode);
            insertMessage.setLong(5, put.storeTimestamp);
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
        return keys;
    }

    /** Whether a batch whose commit failed was committed after all (its first row is there). */
    private boolean committedBefore(List<PutRequest> batch) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(existsSql)) {
            ps.setLong(1, batch.get(0).messages.get(0).physicalOffset);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                connection.rollback();
                return found;
            }
        }
    }

    /** Makes a committed batch readable: queues, offsets, counters, the arrival listener, SYNC_FLUSH waiters. */
    private int publish(List<PutRequest> batch, PutStatus status) {
        long count = 0;
        long bytes = 0;
        for (PutRequest p : batch) {
            QueueState q = p.queue;
            if (q != null && !q.persisted) {
                q.persisted = true;
                readable.add(q);
            }
            for (EncodedMessage m : p.messages) {
                if (m.queueOffset >= 0 && q.maxOffset <= m.queueOffset) {
                    q.maxOffset = m.queueOffset + 1;
                }
            }
            count += p.messages.size();
            bytes += p.bytes;
        }
        EncodedMessage last = lastMessage(batch);
        log.lastPhysicalOffset = last.physicalOffset;
        log.lastStoreTime = batch.get(batch.size() - 1).storeTimestamp;
        log.putMessages.add(count);
        log.putBytes.add(bytes);
        log.committed(last.physicalOffset + last.size());
        for (PutRequest p : batch) {
            for (EncodedMessage m : p.messages) {
                if (m.queueOffset >= 0) {
                    tell(p.topic, p.queueId, m.queueOffset + 1, m.tagsCode);
                }
            }
            pending.release(p.permits);
            p.durable(status);
        }
        return (int) count;
    }

    private static EncodedMessage lastMessage(List<PutRequest> batch) {
        List<EncodedMessage> last = batch.get(batch.size() - 1).messages;
        return last.get(last.size() - 1);
    }

    private void giveUp() {
        int messages = 0;
        for (PutRequest p : inFlight) {
            messages += p.messages.size();
            pending.release(p.permits);
            p.durable(PutStatus.UNKNOWN_ERROR);
        }
        LOG.error("giving up a transaction of {} accepted message(s) after {} attempts while stopping: they are lost",
                messages, attempts);
        inFlight = null;
        attempts = 0;
    }

    private void tell(String topic, int queueId, long nextOffset, long tagsCode) {
        try {
            listener.onArrival(topic, queueId, nextOffset, tagsCode);
        } catch (RuntimeException e) {
            LOG.warn("arrival listener failed for {}/{} at {}", topic, queueId, nextOffset - 1, e);
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
            if (r instanceof PutRequest p) {
                pending.release(p.permits);
            }
            r.abandon();
        }
    }
}
