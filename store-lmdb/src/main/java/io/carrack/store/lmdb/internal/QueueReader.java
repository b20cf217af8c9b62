package io.carrack.store.lmdb.internal;

import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.ListGetResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Reads queues in read transactions: walks a queue's consume-queue entries with a cursor (one queue's entries
 * are contiguous and sorted), applies the filter, and copies matching records out of the log. Also answers
 * look-ups by physical offset and the queue's time look-ups.
 *
 * <p>Thread safety: any thread; each call uses its own read transaction.
 */
final class QueueReader {
    private static final ThreadLocal<ByteBuffer> KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE));
    private static final ThreadLocal<ByteBuffer> LOG_KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(LmdbLayout.PHYS_LENGTH));

    private final StoreEnv env;
    private final QueueTable queues;
    private final int maxTransferBytes;
    private final int maxScanEntries;

    QueueReader(StoreEnv env, QueueTable queues, int maxTransferBytes, int maxScanEntries) {
        this.env = env;
        this.queues = queues;
        this.maxTransferBytes = maxTransferBytes;
        this.maxScanEntries = maxScanEntries;
    }

    ListGetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        QueueState q = queues.find(topic, queueId);
        if (q == null) {
            return ListGetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        // The max offset is read before the transaction starts: everything below it was committed before, so
        // the transaction sees it.
        long max = q.maxOffset();
        long min = q.minOffset();
        if (max == 0) {
            return ListGetResult.empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return ListGetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        try (Txn<ByteBuffer> txn = env.read()) {
            return collect(txn, q, offset, Math.max(1, maxCount), filter, max);
        }
    }

    private ListGetResult collect(Txn<ByteBuffer> txn, QueueState q, long offset, int maxCount, MessageFilter filter,
                                  long max) {
        int expected = Math.min(maxCount, 64);
        List<ByteBuffer> records = new ArrayList<>(expected);
        List<Long> offsets = new ArrayList<>(expected);
        ByteBuffer key = LmdbLayout.cqKey(KEY.get(), q.topicBytes(), q.queueId(), offset);
        int prefixLength = LmdbLayout.queueKeyLength(q.topicBytes());
        ByteBuffer logKey = LOG_KEY.get();
        boolean needsMessage = filter.needsMessage();
        long next = offset;
        int scanned = 0;
        int bytes = 0;
        int filtered = 0;
        int removed = 0;
        try (Cursor<ByteBuffer> c = env.cq().openCursor(txn)) {
            boolean ok = c.get(key, GetOp.MDB_SET_RANGE);
            while (ok && records.size() < maxCount && scanned < maxScanEntries) {
                ByteBuffer k = c.key();
                if (k.remaining() != prefixLength + 8 || !LmdbLayout.startsWith(k, key, prefixLength)) {
                    break;
                }
                long queueOffset = k.order(ByteOrder.BIG_ENDIAN).getLong(k.position() + prefixLength);
                if (queueOffset >= max) {
                    break;
                }
                if (queueOffset > next) {
                    removed += (int) Math.min(Integer.MAX_VALUE, queueOffset - next);
                }
                ByteBuffer v = c.val().order(ByteOrder.BIG_ENDIAN);
                int p = v.position();
                long phys = v.getLong(p + LmdbLayout.CQ_PHYSICAL_OFFSET);
                int size = v.getInt(p + LmdbLayout.CQ_SIZE);
                long tagsCode = v.getLong(p + LmdbLayout.CQ_TAGS_CODE);
                if (!filter.matchesTagsCode(tagsCode)) {
                    filtered++;
                } else {
                    if (bytes + size > maxTransferBytes && !records.isEmpty()) {
                        break;
                    }
                    ByteBuffer record = env.log().get(txn, LmdbLayout.logKey(logKey, phys));
                    if (record == null) {
                        removed++;
                    } else if (needsMessage && !filter.matchesMessage(Records.view(record))) {
                        filtered++;
                    } else {
                        records.add(Records.copy(record));
                        offsets.add(queueOffset);
                        bytes += size;
                    }
                }
                next = queueOffset + 1;
                scanned++;
                ok = c.next();
            }
        }
        GetStatus status;
        if (!records.isEmpty()) {
            status = GetStatus.FOUND;
        } else if (filtered > 0) {
            status = GetStatus.NO_MATCHED_MESSAGE;
        } else if (removed > 0 || next == offset && q.minOffset() > offset) {
            status = GetStatus.MESSAGE_WAS_REMOVING;
            next = Math.max(next, q.minOffset());
        } else {
            status = GetStatus.OFFSET_FOUND_NULL;
        }
        // heap copies taken inside the transaction: nothing to release
        return ListGetResult.of(status, next, q.minOffset(), max, records, offsets);
    }

    /** A copy of the record at {@code physicalOffset}, if one is stored there. */
    Optional<ByteBuffer> read(long physicalOffset) {
        if (physicalOffset < 0) {
            return Optional.empty();
        }
        try (Txn<ByteBuffer> txn = env.read()) {
            ByteBuffer record = env.log().get(txn, LmdbLayout.logKey(LOG_KEY.get(), physicalOffset));
            return record == null ? Optional.empty() : Optional.of(Records.copy(record));
        }
    }

    /** The store time of the entry at a queue offset, or -1. */
    long storeTimestamp(String topic, int queueId, long offset) {
        QueueState q = queues.find(topic, queueId);
        if (q == null || offset < 0 || offset >= q.maxOffset()) {
            return -1;
        }
        try (Txn<ByteBuffer> txn = env.read()) {
            return storeTimestamp(txn, q, offset);
        }
    }

    private long storeTimestamp(Txn<ByteBuffer> txn, QueueState q, long offset) {
        ByteBuffer v = env.cq().get(txn, LmdbLayout.cqKey(KEY.get(), q.topicBytes(), q.queueId(), offset));
        if (v == null) {
            return -1;
        }
        return v.order(ByteOrder.BIG_ENDIAN).getLong(v.position() + LmdbLayout.CQ_STORE_TIMESTAMP);
    }

    /** The first queue offset stored at or after {@code timestamp}; max if none, min if all are newer. */
    long offsetByTimestamp(String topic, int queueId, long timestamp) {
        QueueState q = queues.find(topic, queueId);
        if (q == null) {
            return 0;
        }
        long hi = q.maxOffset();
        try (Txn<ByteBuffer> txn = env.read()) {
            long lo = q.minOffset();
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                long ts = storeTimestamp(txn, q, mid);
                if (ts < 0) {
                    // removed by retention meanwhile: everything up to it is older
                    lo = mid + 1;
                } else if (ts >= timestamp) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    /** The store time of the oldest record still stored, or 0. */
    long earliestStoreTime() {
        try (Txn<ByteBuffer> txn = env.read(); Cursor<ByteBuffer> c = env.log().openCursor(txn)) {
            if (!c.first()) {
                return 0;
            }
            return io.carrack.common.message.StoredMessageCodec.readStoreTimestamp(c.val().order(ByteOrder.BIG_ENDIAN));
        }
    }

    /** The physical offset of the oldest record still stored, or {@code fallback} when the log is empty. */
    long firstPhysicalOffset(long fallback) {
        try (Txn<ByteBuffer> txn = env.read(); Cursor<ByteBuffer> c = env.log().openCursor(txn)) {
            if (!c.first()) {
                return fallback;
            }
            ByteBuffer k = c.key();
            return k.order(ByteOrder.BIG_ENDIAN).getLong(k.position());
        }
    }
}
