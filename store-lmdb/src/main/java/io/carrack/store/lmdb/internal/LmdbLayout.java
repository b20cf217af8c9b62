package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The keys and values of the store's LMDB databases. Numbers are big-endian, so LMDB's byte order is numeric
 * order and one queue's entries, one key's index entries and the log are each contiguous and sorted.
 * <pre>
 * log    key: physicalOffset(8)                                   value: the record, RocketMQ stored layout
 * cq     key: topicLength(1) topic queueId(4) queueOffset(8)      value: physicalOffset(8) size(4) tagsCode(8)
 *                                                                        storeTimestamp(8)
 * queues key: topicLength(1) topic queueId(4)                     value: minOffset(8) nextOffset(8)
 * keys   key: topicLength(1) topic keyTag(2) key storeTimestamp(8) physicalOffset(8)           value: empty
 * meta   key: "nextPhysicalOffset"                                value: the next physical offset(8)
 * </pre>
 * In {@code keys}, {@code keyTag} is the key's UTF-8 length when it is at most {@link #MAX_PLAIN_KEY_LENGTH}
 * bytes; a longer key is stored as its SHA-256 digest with {@code keyTag = 0x8000 | 32}, so that every entry
 * stays under LMDB's 511-byte key limit.
 */
final class LmdbLayout {
    static final String LOG_DB = "log";
    static final String CQ_DB = "cq";
    static final String QUEUES_DB = "queues";
    static final String KEYS_DB = "keys";
    static final String META_DB = "meta";

    /** Room for the longest key of any database (LMDB's default limit is 511). */
    static final int KEY_BUFFER_SIZE = 512;

    static final int PHYS_LENGTH = 8;

    static final int CQ_PHYSICAL_OFFSET = 0;
    static final int CQ_SIZE = 8;
    static final int CQ_TAGS_CODE = 12;
    static final int CQ_STORE_TIMESTAMP = 20;
    static final int CQ_VALUE_LENGTH = 28;

    static final int QUEUE_MIN_OFFSET = 0;
    static final int QUEUE_NEXT_OFFSET = 8;
    static final int QUEUE_VALUE_LENGTH = 16;

    static final int MAX_PLAIN_KEY_LENGTH = 256;
    static final int DIGEST_KEY_TAG = 0x8000 | 32;

    static final String NEXT_PHYSICAL_OFFSET = "nextPhysicalOffset";

    private LmdbLayout() {
    }

    /** The UTF-8 bytes of a topic (1 to 127 of them in stored records). */
    static byte[] topicBytes(String topic) {
        return topic.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code topicLength topic} and returns the buffer. */
    static ByteBuffer topicPrefix(ByteBuffer b, byte[] topic) {
        return b.put((byte) topic.length).put(topic);
    }

    /** A log key, flipped. */
    static ByteBuffer logKey(ByteBuffer b, long physicalOffset) {
        b.clear();
        return b.putLong(physicalOffset).flip();
    }

    /** A queue key ({@code queues} database), flipped. */
    static ByteBuffer queueKey(ByteBuffer b, byte[] topic, int queueId) {
        b.clear();
        return topicPrefix(b, topic).putInt(queueId).flip();
    }

    /** Length of a queue key, which is also where a cq key's queue offset starts. */
    static int queueKeyLength(byte[] topic) {
        return 1 + topic.length + 4;
    }

    /** A consume-queue key, flipped. */
    static ByteBuffer cqKey(ByteBuffer b, byte[] topic, int queueId, long queueOffset) {
        b.clear();
        return topicPrefix(b, topic).putInt(queueId).putLong(queueOffset).flip();
    }

    /** A consume-queue value, flipped. */
    static ByteBuffer cqValue(ByteBuffer b, long physicalOffset, int size, long tagsCode, long storeTimestamp) {
        b.clear();
        return b.putLong(physicalOffset).putInt(size).putLong(tagsCode).putLong(storeTimestamp).flip();
    }

    /** A queue value, flipped. */
    static ByteBuffer queueValue(ByteBuffer b, long minOffset, long nextOffset) {
        b.clear();
        return b.putLong(minOffset).putLong(nextOffset).flip();
    }

    /**
     * The form of a key in the {@code keys} database: {@code keyTag(2)} and the key's UTF-8 bytes, or their
     * SHA-256 digest when longer than {@link #MAX_PLAIN_KEY_LENGTH}.
     */
    static byte[] keyToken(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int tag = k.length;
        if (k.length > MAX_PLAIN_KEY_LENGTH) {
            try {
                k = MessageDigest.getInstance("SHA-256").digest(k);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            tag = DIGEST_KEY_TAG;
        }
        return ByteBuffer.allocate(2 + k.length).putShort((short) tag).put(k).array();
    }

    /** Writes {@code topicLength topic keyTag key}, the prefix of every index entry of a key; not flipped. */
    static ByteBuffer keyPrefix(ByteBuffer b, byte[] topic, byte[] keyToken) {
        b.clear();
        return topicPrefix(b, topic).put(keyToken);
    }

    /** An index entry key, flipped. */
    static ByteBuffer keyEntry(ByteBuffer b, byte[] topic, byte[] keyToken, long storeTimestamp,
                               long physicalOffset) {
        return keyPrefix(b, topic, keyToken).putLong(storeTimestamp).putLong(physicalOffset).flip();
    }

    /** Whether {@code key} starts with the first {@code length} bytes of {@code prefix}. */
    static boolean startsWith(ByteBuffer key, ByteBuffer prefix, int length) {
        if (key.remaining() < length) {
            return false;
        }
        int k = key.position();
        int p = prefix.position();
        for (int i = 0; i < length; i++) {
            if (key.get(k + i) != prefix.get(p + i)) {
                return false;
            }
        }
        return true;
    }
}
