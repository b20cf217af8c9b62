package io.carrack.store.mmap.internal;

import static io.carrack.common.message.StoredMessageDescriptor.BLANK_MAGIC;
import static io.carrack.common.message.StoredMessageDescriptor.MAGIC_OFFSET;
import static io.carrack.common.message.StoredMessageDescriptor.MESSAGE_MAGIC;

import io.carrack.common.message.StoredMessageDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A reusable view of one record of the commit log inside a held {@link MappedFile}: reads fields at the
 * offsets {@link StoredMessageDescriptor} defines, and verifies a record during recovery.
 *
 * <p>Thread safety: not thread-safe; one per thread.
 */
final class RecordReader {
    /** Smallest possible record: IPv4 hosts, empty body, topic and properties. */
    static final int MIN_RECORD_LENGTH = StoredMessageDescriptor.recordLength(0, 0, 0, 0);
    /** Smallest blank filler: TOTALSIZE and MAGIC. */
    static final int MIN_BLANK_LENGTH = 8;

    private MappedFile file;
    private int pos;
    private int sysFlag;
    private int bodyLength;
    private int topicLength;
    private byte[] lastTopicBytes = new byte[0];
    private String lastTopic = "";
    private final byte[] topicBuffer = new byte[StoredMessageDescriptor.MAX_TOPIC_LENGTH + 1];

    /** Points the reader at a record; the caller holds the file. */
    RecordReader wrap(MappedFile file, int position) {
        this.file = file;
        this.pos = position;
        this.sysFlag = -1;
        this.bodyLength = -1;
        this.topicLength = -1;
        return this;
    }

    int totalSize() {
        return file.getInt(pos + StoredMessageDescriptor.TOTAL_SIZE_OFFSET);
    }

    int magic() {
        return file.getInt(pos + MAGIC_OFFSET);
    }

    boolean isBlank() {
        return magic() == BLANK_MAGIC;
    }

    boolean isMessage() {
        return magic() == MESSAGE_MAGIC;
    }

    int queueId() {
        return file.getInt(pos + StoredMessageDescriptor.QUEUE_ID_OFFSET);
    }

    long queueOffset() {
        return file.getLong(pos + StoredMessageDescriptor.QUEUE_OFFSET_OFFSET);
    }

    long physicalOffset() {
        return file.getLong(pos + StoredMessageDescriptor.PHYSICAL_OFFSET_OFFSET);
    }

    int sysFlag() {
        if (sysFlag == -1) {
            sysFlag = file.getInt(pos + StoredMessageDescriptor.SYS_FLAG_OFFSET);
        }
        return sysFlag;
    }

    long storeTimestamp() {
        return file.getLong(pos + StoredMessageDescriptor.storeTimestampOffset(sysFlag()));
    }

    int bodyLength() {
        if (bodyLength == -1) {
            bodyLength = file.getInt(pos + StoredMessageDescriptor.bodyLengthOffset(sysFlag()));
        }
        return bodyLength;
    }

    private int bodyStart() {
        return pos + StoredMessageDescriptor.bodyLengthOffset(sysFlag()) + 4;
    }

    private int topicLengthPosition() {
        return bodyStart() + bodyLength();
    }

    int topicLength() {
        if (topicLength == -1) {
            topicLength = file.get(topicLengthPosition()) & 0xFF;
        }
        return topicLength;
    }

    /** The topic; the same String instance while consecutive records share a topic. */
    String topic() {
        int len = topicLength();
        int at = topicLengthPosition() + 1;
        file.get(at, topicBuffer, 0, len);
        if (len == lastTopicBytes.length && java.util.Arrays.equals(topicBuffer, 0, len, lastTopicBytes, 0, len)) {
            return lastTopic;
        }
        lastTopicBytes = java.util.Arrays.copyOf(topicBuffer, len);
        lastTopic = new String(lastTopicBytes, StandardCharsets.UTF_8);
        return lastTopic;
    }

    private int propertiesLengthPosition() {
        return topicLengthPosition() + 1 + topicLength();
    }

    int propertiesLength() {
        return file.getShort(propertiesLengthPosition()) & 0xFFFF;
    }

    /** Position of the first properties byte in the file. */
    int propertiesPosition() {
        return propertiesLengthPosition() + 2;
    }

    MappedFile file() {
        return file;
    }

    String properties() {
        int len = propertiesLength();
        if (len == 0) {
            return "";
        }
        byte[] b = new byte[len];
        file.get(propertiesLengthPosition() + 2, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Whether the bytes at the position form a whole, intact record stored at {@code expectedOffset}:
     * magic, a size that fits the file, field lengths that add up to it, no zero tail (a write cut short)
     * and the body CRC. The layout has no CRC over topic and properties, so other damage there is not seen.
     */
    boolean verify(long expectedOffset) {
        int size = totalSize();
        if (magic() != MESSAGE_MAGIC || size < MIN_RECORD_LENGTH || size > file.fileSize() - pos) {
            return false;
        }
        if (physicalOffset() != expectedOffset) {
            return false;
        }
        int fixed = StoredMessageDescriptor.recordLength(sysFlag(), 0, 0, 0);
        if (fixed > size) {
            return false;
        }
        int bodyLen = bodyLength();
        if (bodyLen < 0 || fixed + bodyLen > size) {
            return false;
        }
        int topicLen = topicLength();
        if (fixed + bodyLen + topicLen > size) {
            return false;
        }
        int propsLen = propertiesLength();
        if (StoredMessageDescriptor.recordLength(sysFlag(), bodyLen, topicLen, propsLen) != size) {
            return false;
        }
        // A record cut short by a crash ends in zeros; topics and properties text never end in a NUL byte.
        if (topicLen == 0 || file.get(topicLengthPosition() + topicLen) == 0) {
            return false;
        }
        if (propsLen > 0 && file.get(propertiesLengthPosition() + 1 + propsLen) == 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        ByteBuffer body = file.slice(bodyStart(), bodyLen);
        crc.update(body);
        int expectedCrc = file.getInt(pos + StoredMessageDescriptor.BODY_CRC_OFFSET);
        return (int) (crc.getValue() & 0x7FFFFFFF) == expectedCrc;
    }

    /** Whether the bytes form a blank filler that runs to the end of the file. */
    boolean verifyBlank() {
        return magic() == BLANK_MAGIC && totalSize() == file.fileSize() - pos;
    }
}
