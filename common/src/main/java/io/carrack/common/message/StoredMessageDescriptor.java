package io.carrack.common.message;

/**
 * The RocketMQ 4.x stored-message layout (PROTOCOL.md section 10.1). Offsets of the fixed-position
 * fields; the fields after BORNTIMESTAMP move with the host address sizes.
 * <pre>
 *  0 TOTALSIZE(4) 4 MAGIC(4) 8 BODYCRC(4) 12 QUEUEID(4) 16 FLAG(4) 20 QUEUEOFFSET(8)
 * 28 PHYSICALOFFSET(8) 36 SYSFLAG(4) 40 BORNTIMESTAMP(8) 48 BORNHOST(8|20) STORETIMESTAMP(8)
 * STOREHOST(8|20) RECONSUMETIMES(4) PREPAREDTXOFFSET(8) BODYLEN(4) BODY TOPICLEN(1) TOPIC
 * PROPERTIESLEN(2) PROPERTIES
 * </pre>
 */
public final class StoredMessageDescriptor {
    public static final int MESSAGE_MAGIC = 0xDAA320A7;
    /** Marks the blank filler at the end of a commit-log file. */
    public static final int BLANK_MAGIC = 0xCBD43194;

    public static final int TOTAL_SIZE_OFFSET = 0;
    public static final int MAGIC_OFFSET = 4;
    public static final int BODY_CRC_OFFSET = 8;
    public static final int QUEUE_ID_OFFSET = 12;
    public static final int FLAG_OFFSET = 16;
    public static final int QUEUE_OFFSET_OFFSET = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 28;
    public static final int SYS_FLAG_OFFSET = 36;
    public static final int BORN_TIMESTAMP_OFFSET = 40;
    public static final int BORN_HOST_OFFSET = 48;

    public static final int IPV4_HOST_LENGTH = 8;
    public static final int IPV6_HOST_LENGTH = 20;
    public static final int MAX_TOPIC_LENGTH = 127;
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;

    private StoredMessageDescriptor() {
    }

    /** Length of a host field for the given sysFlag bit. */
    public static int hostLength(int sysFlag, int v6Bit) {
        return (sysFlag & v6Bit) != 0 ? IPV6_HOST_LENGTH : IPV4_HOST_LENGTH;
    }

    /** Offset of STORETIMESTAMP for a record with the given sysFlag. */
    public static int storeTimestampOffset(int sysFlag) {
        return BORN_HOST_OFFSET + hostLength(sysFlag, MessageSysFlag.BORNHOST_V6_FLAG);
    }

    /** Offset of STOREHOST for a record with the given sysFlag. */
    public static int storeHostOffset(int sysFlag) {
        return storeTimestampOffset(sysFlag) + 8;
    }

    /** Offset of RECONSUMETIMES for a record with the given sysFlag. */
    public static int reconsumeTimesOffset(int sysFlag) {
        return storeHostOffset(sysFlag) + hostLength(sysFlag, MessageSysFlag.STOREHOST_V6_FLAG);
    }

    /** Offset of BODYLENGTH for a record with the given sysFlag. */
    public static int bodyLengthOffset(int sysFlag) {
        return reconsumeTimesOffset(sysFlag) + 4 + 8;
    }

    /** Offset of PREPARED TRANSACTION OFFSET for a record with the given sysFlag. */
    public static int preparedTransactionOffsetOffset(int sysFlag) {
        return reconsumeTimesOffset(sysFlag) + 4;
    }

    /** Offset of the first body byte for a record with the given sysFlag. */
    public static int bodyOffset(int sysFlag) {
        return bodyLengthOffset(sysFlag) + 4;
    }

    /** Offset of TOPICLENGTH for a record with the given sysFlag and body length. */
    public static int topicLengthOffset(int sysFlag, int bodyLength) {
        return bodyOffset(sysFlag) + bodyLength;
    }

    /** Offset of PROPERTIESLENGTH for a record with the given sysFlag, body length and topic length. */
    public static int propertiesLengthOffset(int sysFlag, int bodyLength, int topicLength) {
        return topicLengthOffset(sysFlag, bodyLength) + 1 + topicLength;
    }

    /** Total record length for the given field sizes. */
    public static int recordLength(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
        return bodyLengthOffset(sysFlag) + 4 + bodyLength + 1 + topicLength + 2 + propertiesLength;
    }
}
