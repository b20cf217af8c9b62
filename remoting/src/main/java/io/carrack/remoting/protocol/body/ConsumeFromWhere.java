package io.carrack.remoting.protocol.body;

/** Where a consumer group starts on a queue it has no stored offset for (PROTOCOL.md section 13.12). */
public enum ConsumeFromWhere {
    /** Start at the max offset (a young queue is read from 0). */
    CONSUME_FROM_LAST_OFFSET,
    /** Deprecated; as CONSUME_FROM_LAST_OFFSET. */
    CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST,
    /** Deprecated; as CONSUME_FROM_FIRST_OFFSET. */
    CONSUME_FROM_MIN_OFFSET,
    /** Deprecated; as CONSUME_FROM_LAST_OFFSET. */
    CONSUME_FROM_MAX_OFFSET,
    /** Start at offset 0. */
    CONSUME_FROM_FIRST_OFFSET,
    /** Start at the offset of the consumer's consume timestamp. */
    CONSUME_FROM_TIMESTAMP
}
