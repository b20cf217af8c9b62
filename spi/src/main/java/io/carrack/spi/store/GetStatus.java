package io.carrack.spi.store;

/** Outcome of a read from a queue, with RocketMQ's meanings. */
public enum GetStatus {
    /** At least one message returned. */
    FOUND,
    /** Entries were read, but the filter matched none; {@code nextBeginOffset} moved past them. */
    NO_MATCHED_MESSAGE,
    /** The entries point at data already removed by retention. */
    MESSAGE_WAS_REMOVING,
    /** The entry at the offset could not be read. */
    OFFSET_FOUND_NULL,
    /** The offset is beyond max offset + 1. */
    OFFSET_OVERFLOW_BADLY,
    /** The offset equals the max offset: nothing new yet. */
    OFFSET_OVERFLOW_ONE,
    /** The offset is below the min offset. */
    OFFSET_TOO_SMALL,
    /** The queue does not exist. */
    NO_MATCHED_LOGIC_QUEUE,
    /** The queue exists but is empty. */
    NO_MESSAGE_IN_QUEUE
}
