package io.carrack.store.lmdb.internal;

import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * One transaction's worth of retention: removes records from the front of the log while their store time is
 * before {@code cutoff}, at most {@code limit} of them, together with what points at them: the consume-queue
 * entry (if it still points at this record: a topic may have been deleted and re-created since) and the key
 * index entries. Each touched queue's min offset moves past its removed entries, in the {@code queues}
 * database (with its next offset, which may no longer follow from its entries) and, after the commit, in
 * memory; the next physical offset is written to {@code meta} for the same reason.
 *
 * <p>Thread safety: runs on the writer thread; read {@link #removedRecords()}, {@link #removedBytes()} and
 * {@link #reachedCutoff()} after its request completed.
 */
final class RetentionTask implements WriteTask {
    private final StoreEnv env;
    private final QueueTable queues;
    private final KeyIndex keyIndex;
    private final long cutoff;
    private final int limit;
    private final LongSupplier nextPhysicalOffset;
    private final ByteBuffer key = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64);
    private int removedRecords;
    private long removedBytes;
    private boolean reachedCutoff;

    RetentionTask(StoreEnv env, QueueTable queues, KeyIndex keyIndex, long cutoff, int limit,
                  LongSupplier nextPhysicalOffset) {
        this.env = env;
        this.nextPhysicalOffset = nextPhysicalOffset;
        this.queues = queues;
        this.keyIndex = keyIndex;
        this.cutoff = cutoff;
        this.limit = limit;
    }

    int removedRecords() {
        return removedRecords;
    }

    long removedBytes() {
        return removedBytes;
    }

    /** Whether the run stopped at a record that is not expired (or at the end of the log), not at its limit. */
    boolean reachedCutoff() {
        return reachedCutoff;
    }

    @Override
    public Runnable apply(Txn<ByteBuffer> txn) {
        Map<QueueState, Long> newMins = new HashMap<>();
        try (Cursor<ByteBuffer> c = env.log().openCursor(txn)) {
            reachedCutoff = true;
            while (c.first()) {
                if (removedRecords >= limit) {
                    reachedCutoff = false;
                    break;
                }
                ByteBuffer record = c.val().order(ByteOrder.BIG_ENDIAN);
                long storeTimestamp = StoredMessageCodec.readStoreTimestamp(record);
                if (storeTimestamp >= cutoff) {
                    break;
                }
                ByteBuffer k = c.key();
                long phys = k.order(ByteOrder.BIG_ENDIAN).getLong(k.position());
                removeReferences(txn, record, phys, storeTimestamp, newMins);
                removedBytes += record.remaining();
                removedRecords++;
                c.delete();
            }
        }
        for (Map.Entry<QueueState, Long> e : newMins.entrySet()) {
            QueueState q = e.getKey();
            env.queues().put(txn, LmdbLayout.queueKey(key, q.topicBytes(), q.queueId()),
                    LmdbLayout.queueValue(value, e.getValue(), q.maxOffset()));
        }
        if (removedRecords > 0) {
            // the log may now be empty: keep where it ends, so physical offsets never repeat
            MetaRecords.putLong(env, txn, LmdbLayout.NEXT_PHYSICAL_OFFSET, nextPhysicalOffset.getAsLong(), key, value);
        }
        return () -> newMins.forEach(QueueState::minOffset);
    }

    private void removeReferences(Txn<ByteBuffer> txn, ByteBuffer record, long phys, long storeTimestamp,
                                  Map<QueueState, Long> newMins) {
        String topic = StoredMessageCodec.readTopic(record);
        int sysFlag = StoredMessageCodec.readSysFlag(record);
        byte[] topicBytes = LmdbLayout.topicBytes(topic);
        if (MessageSysFlag.transactionType(sysFlag) != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            keyIndex.remove(txn, topicBytes, record, storeTimestamp, phys);
        }
        if (!RecordAppender.takesQueueSlot(sysFlag)) {
            return;
        }
        int queueId = StoredMessageCodec.readQueueId(record);
        long queueOffset = StoredMessageCodec.readQueueOffset(record);
        ByteBuffer cqKey = LmdbLayout.cqKey(key, topicBytes, queueId, queueOffset);
        ByteBuffer entry = env.cq().get(txn, cqKey);
        if (entry == null || entry.order(ByteOrder.BIG_ENDIAN).getLong(entry.position()
                + LmdbLayout.CQ_PHYSICAL_OFFSET) != phys) {
            return;
        }
        env.cq().delete(txn, cqKey);
        QueueState q = queues.find(topic, queueId);
        if (q != null) {
            newMins.merge(q, queueOffset + 1, Math::max);
        }
    }
}
