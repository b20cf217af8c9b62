package io.carrack.store.lmdb.internal;

import io.carrack.common.message.StoredMessageCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.lmdbjava.Cursor;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Reads what the store keeps in memory at open: every queue's bounds (min offset as last written, next offset
 * one past its last entry unless retention wrote a larger one) and the log's end (one past its last record, or
 * as retention wrote it). LMDB has recovered to its last committed transaction by then: nothing to repair.
 *
 * <p>Thread safety: used once, at open.
 */
final class StoreLoader {
    private StoreLoader() {
    }

    /**
     * The log's end as found at open.
     *
     * @param nextPhysicalOffset  the physical offset the next record gets
     * @param lastStoreTimestamp  store time of the newest record, or 0
     * @param lastPhysicalOffset  physical offset of the newest record, or 0
     */
    record Loaded(long nextPhysicalOffset, long lastStoreTimestamp, long lastPhysicalOffset) {
    }

    /** The queue offset of a queue's last consume-queue entry, or -1. */
    private static long lastEntry(StoreEnv env, Txn<ByteBuffer> txn, byte[] topic, int queueId) {
        ByteBuffer after = LmdbLayout.cqKey(ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE), topic, queueId,
                Long.MAX_VALUE);
        int prefixLength = LmdbLayout.queueKeyLength(topic);
        try (Cursor<ByteBuffer> c = env.cq().openCursor(txn)) {
            boolean ok = c.get(after, GetOp.MDB_SET_RANGE) ? c.prev() : c.last();
            if (!ok) {
                return -1;
            }
            ByteBuffer k = c.key().order(ByteOrder.BIG_ENDIAN);
            if (k.remaining() != prefixLength + 8 || !LmdbLayout.startsWith(k, after, prefixLength)) {
                return -1;
            }
            return k.getLong(k.position() + prefixLength);
        }
    }

    static Loaded load(StoreEnv env, QueueTable queues) {
        try (Txn<ByteBuffer> txn = env.read()) {
            try (CursorIterable<ByteBuffer> it = env.queues().iterate(txn)) {
                for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                    ByteBuffer k = kv.key().order(ByteOrder.BIG_ENDIAN);
                    ByteBuffer v = kv.val().order(ByteOrder.BIG_ENDIAN);
                    int p = k.position();
                    int topicLength = k.get(p) & 0xFF;
                    byte[] topic = new byte[topicLength];
                    k.duplicate().position(p + 1).get(topic);
                    int queueId = k.getInt(p + 1 + topicLength);
                    long min = v.getLong(v.position() + LmdbLayout.QUEUE_MIN_OFFSET);
                    long next = Math.max(v.getLong(v.position() + LmdbLayout.QUEUE_NEXT_OFFSET),
                            lastEntry(env, txn, topic, queueId) + 1);
                    queues.add(new String(topic, StandardCharsets.UTF_8), queueId, min, next);
                }
            }
            long next = 0;
            long lastTimestamp = 0;
            long lastPhys = 0;
            try (Cursor<ByteBuffer> c = env.log().openCursor(txn)) {
                if (c.last()) {
                    ByteBuffer k = c.key().order(ByteOrder.BIG_ENDIAN);
                    ByteBuffer record = c.val().order(ByteOrder.BIG_ENDIAN);
                    lastPhys = k.getLong(k.position());
                    lastTimestamp = StoredMessageCodec.readStoreTimestamp(record);
                    next = lastPhys + record.remaining();
                }
            }
            ByteBuffer key = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);
            next = Math.max(next, MetaRecords.getLong(env, txn, LmdbLayout.NEXT_PHYSICAL_OFFSET, 0, key));
            return new Loaded(next, lastTimestamp, lastPhys);
        }
    }
}
