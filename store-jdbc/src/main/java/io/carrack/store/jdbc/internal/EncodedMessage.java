package io.carrack.store.jdbc.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.StoredMessageDescriptor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A message encoded in the stored layout on the producer's thread, with QUEUEOFFSET, PHYSICALOFFSET and
 * STORETIMESTAMP left 0 until the {@link OffsetAssigner} fills them in ({@link #assign}), plus what the tables
 * need besides the bytes.
 *
 * <p>Thread safety: built and assigned by the producer, then handed to the writer thread (through a concurrent
 * queue, which publishes it).
 */
final class EncodedMessage {
    final byte[] record;
    final long tagsCode;
    /** Whether it takes a queue offset: not a prepared or rolled-back transaction record. */
    final boolean takesQueueOffset;
    /** Hashes of UNIQ_KEY and the KEYS tokens, without duplicates, at most {@link Schema#MAX_KEYS_PER_MESSAGE}. */
    final long[] keyHashes;
    private final int storeTimestampAt;
    /** Assigned queue offset, or -1 for a record that takes none. */
    long queueOffset = -1;
    /** Assigned physical offset. */
    long physicalOffset;

    private EncodedMessage(byte[] record, long tagsCode, boolean takesQueueOffset, long[] keyHashes,
                           int storeTimestampAt) {
        this.record = record;
        this.tagsCode = tagsCode;
        this.takesQueueOffset = takesQueueOffset;
        this.keyHashes = keyHashes;
        this.storeTimestampAt = storeTimestampAt;
    }

    /**
     * Encodes a message.
     *
     * @throws StoredMessageCodec.IllegalMessageException if the topic or properties exceed the layout's limits
     */
    static EncodedMessage encode(BrokerMessage m) {
        if (m.topic() == null) {
            throw new StoredMessageCodec.IllegalMessageException("message has no topic");
        }
        byte[] record = StoredMessageCodec.encode(m, 0, 0, 0).array();
        int sysFlag = ByteBuffer.wrap(record).getInt(StoredMessageDescriptor.SYS_FLAG_OFFSET);
        int type = MessageSysFlag.transactionType(sysFlag);
        boolean takesOffset = type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
        long[] keys = type == MessageSysFlag.TRANSACTION_ROLLBACK_TYPE ? new long[0] : keyHashes(m);
        return new EncodedMessage(record, m.tagsCode(), takesOffset, keys,
                StoredMessageDescriptor.storeTimestampOffset(sysFlag));
    }

    private static long[] keyHashes(BrokerMessage m) {
        String topic = m.topic();
        long[] hashes = new long[Schema.MAX_KEYS_PER_MESSAGE];
        int n = 0;
        String unique = m.uniqueKey();
        if (unique != null && !unique.isEmpty()) {
            hashes[n++] = KeyHash.of(topic, unique);
        }
        List<String> keys = m.keys();
        for (int i = 0; i < keys.size() && n < hashes.length; i++) {
            long h = KeyHash.of(topic, keys.get(i));
            if (!contains(hashes, n, h)) {
                hashes[n++] = h;
            }
        }
        return n == hashes.length ? hashes : Arrays.copyOf(hashes, n);
    }

    private static boolean contains(long[] a, int n, long v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return record.length;
    }

    /** Fills in the assigned fields; a record that takes no queue offset gets QUEUEOFFSET 0. */
    void assign(long queueOffset, long physicalOffset, long storeTimestamp) {
        this.queueOffset = takesQueueOffset ? queueOffset : -1;
        this.physicalOffset = physicalOffset;
        ByteBuffer b = ByteBuffer.wrap(record);
        b.putLong(StoredMessageDescriptor.QUEUE_OFFSET_OFFSET, takesQueueOffset ? queueOffset : 0);
        b.putLong(StoredMessageDescriptor.PHYSICAL_OFFSET_OFFSET, physicalOffset);
        b.putLong(storeTimestampAt, storeTimestamp);
    }
}
