package io.carrack.store.lmdb.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes puts inside the writer's transaction: assigns physical offsets (the cumulative byte position, like a
 * commit log: next = previous + record size) and queue offsets, encodes each record once straight into the
 * LMDB page ({@code MDB_RESERVE}, {@code MDB_APPEND}), adds its consume-queue entry and key-index entries,
 * and records a queue in the {@code queues} database when it is new. A queue's next offset and the next
 * physical offset are not written per transaction: they follow from the last queue entry and the last log
 * record at open ({@link StoreLoader}); retention writes them when it removes those. Nothing is visible in
 * memory until {@link #committed} publishes it; {@link #aborted()} forgets it.
 *
 * <p>Thread safety: writer thread only, except the volatile getters.
 */
final class RecordAppender {
    private static final Logger LOG = LoggerFactory.getLogger(RecordAppender.class);

    private final StoreEnv env;
    private final QueueTable queues;
    private final InstantSource clock;
    private final MessageArrivalListener listener;
    private final KeyIndex keyIndex;
    private final ByteBuffer key = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64);
    private final Map<QueueKey, Pending> pending = new HashMap<>();
    private final LongAdder putMessages = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private long txnPhys;
    private long txnLastTimestamp;
    private long txnLastPhys;
    private volatile long nextPhys;
    private volatile long lastStoreTimestamp;
    private volatile long lastPhysicalOffset;

    private record QueueKey(String topic, int queueId) {
    }

    /** A queue's offsets as the open transaction has them. */
    private static final class Pending {
        final String topic;
        final int queueId;
        final byte[] topicBytes;
        final long min;
        final boolean created;
        long next;

        Pending(String topic, int queueId, byte[] topicBytes, long min, long next, boolean created) {
            this.topic = topic;
            this.queueId = queueId;
            this.topicBytes = topicBytes;
            this.min = min;
            this.next = next;
            this.created = created;
        }
    }

    RecordAppender(StoreEnv env, QueueTable queues, InstantSource clock, MessageArrivalListener listener,
                   KeyIndex keyIndex, long nextPhys, long lastStoreTimestamp, long lastPhysicalOffset) {
        this.env = env;
        this.queues = queues;
        this.clock = clock;
        this.listener = listener;
        this.keyIndex = keyIndex;
        this.nextPhys = nextPhys;
        this.lastStoreTimestamp = lastStoreTimestamp;
        this.lastPhysicalOffset = lastPhysicalOffset;
    }

    /** The physical offset the next record gets: one past the last committed byte. */
    long nextPhysicalOffset() {
        return nextPhys;
    }

    long lastStoreTimestamp() {
        return lastStoreTimestamp;
    }

    long lastPhysicalOffset() {
        return lastPhysicalOffset;
    }

    long putMessages() {
        return putMessages.sum();
    }

    long putBytes() {
        return putBytes.sum();
    }

    /** Starts a transaction's worth of puts. */
    void begin() {
        pending.clear();
        txnPhys = nextPhys;
        txnLastTimestamp = lastStoreTimestamp;
        txnLastPhys = lastPhysicalOffset;
    }

    /** Writes one request in the open transaction and sets its result (not yet visible). */
    void append(Txn<ByteBuffer> txn, PutRequest r) {
        List<BrokerMessage> messages = r.messages();
        BrokerMessage first = messages.get(0);
        Pending q = pendingFor(first.topic(), first.queueId());
        long now = clock.millis();
        long firstPhys = txnPhys;
        long firstQueueOffset = -1;
        long[] offsets = r.queueOffsets();
        for (int i = 0; i < messages.size(); i++) {
            BrokerMessage m = messages.get(i);
            boolean slot = takesQueueSlot(m.sysFlag());
            long queueOffset = slot ? q.next : 0;
            int size = r.size(i);
            long phys = txnPhys;
            ByteBuffer record = env.log().reserve(txn, LmdbLayout.logKey(key, phys), size, PutFlags.MDB_APPEND);
            record.order(ByteOrder.BIG_ENDIAN).clear();
            int written = StoredMessageCodec.encode(m, queueOffset, phys, now, record);
            if (written != size) {
                throw new IllegalStateException("record at " + phys + " encoded to " + written + " bytes, not " + size);
            }
            if (slot) {
                env.cq().put(txn, LmdbLayout.cqKey(key, q.topicBytes, q.queueId, queueOffset),
                        LmdbLayout.cqValue(value, phys, size, m.tagsCode(), now));
                q.next = queueOffset + 1;
                if (firstQueueOffset < 0) {
                    firstQueueOffset = queueOffset;
                }
            }
            offsets[i] = slot ? queueOffset : -1;
            if (MessageSysFlag.transactionType(m.sysFlag()) != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
                keyIndex.add(txn, q.topicBytes, m, now, phys);
            }
            txnLastTimestamp = now;
            txnLastPhys = phys;
            txnPhys = phys + size;
        }
        r.result(new PutResult(PutStatus.OK, firstPhys, r.bytes(), Math.max(0, firstQueueOffset), messages.size(),
                now));
    }

    /** Records the queues this transaction created; the caller then commits. */
    void finish(Txn<ByteBuffer> txn) {
        for (Pending q : pending.values()) {
            if (q.created) {
                env.queues().put(txn, LmdbLayout.queueKey(key, q.topicBytes, q.queueId),
                        LmdbLayout.queueValue(value, q.min, q.next));
            }
        }
    }

    /** The transaction committed: publishes offsets, counts, and tells the listener of each new message. */
    void committed(List<PutRequest> requests) {
        for (Pending q : pending.values()) {
            QueueState s = queues.find(q.topic, q.queueId);
            if (s == null) {
                queues.add(q.topic, q.queueId, q.min, q.next);
            } else {
                s.maxOffset(q.next);
            }
        }
        pending.clear();
        nextPhys = txnPhys;
        lastStoreTimestamp = txnLastTimestamp;
        lastPhysicalOffset = txnLastPhys;
        for (PutRequest r : requests) {
            putMessages.add(r.messages().size());
            putBytes.add(r.bytes());
            notifyArrivals(r);
        }
    }

    /** The transaction was aborted: forgets what it assigned. */
    void aborted() {
        pending.clear();
    }

    private void notifyArrivals(PutRequest r) {
        long[] offsets = r.queueOffsets();
        List<BrokerMessage> messages = r.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (offsets[i] < 0) {
                continue;
            }
            BrokerMessage m = messages.get(i);
            try {
                listener.onArrival(m.topic(), m.queueId(), offsets[i] + 1, m.tagsCode());
            } catch (RuntimeException e) {
                LOG.warn("arrival listener failed for {}/{} at {}", m.topic(), m.queueId(), offsets[i], e);
            }
        }
    }

    private Pending pendingFor(String topic, int queueId) {
        QueueKey k = new QueueKey(topic, queueId);
        Pending p = pending.get(k);
        if (p == null) {
            QueueState s = queues.find(topic, queueId);
            p = s == null ? new Pending(topic, queueId, LmdbLayout.topicBytes(topic), 0, 0, true)
                    : new Pending(topic, queueId, s.topicBytes(), s.minOffset(), s.maxOffset(), false);
            pending.put(k, p);
        }
        return p;
    }

    /** Whether a record with this sysFlag gets a queue offset (not prepared, not rolled back). */
    static boolean takesQueueSlot(int sysFlag) {
        int type = MessageSysFlag.transactionType(sysFlag);
        return type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
    }
}
