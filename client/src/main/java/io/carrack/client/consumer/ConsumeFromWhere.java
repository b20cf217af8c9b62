package io.carrack.client.consumer;

/**
 * Where a consumer group starts in a queue for which it has no stored offset yet. A stored offset
 * always wins. Note that a broker answers "offset 0" for a young queue whose first message is still
 * in memory, so a brand-new group may read such a queue from the start even with
 * {@link #CONSUME_FROM_LAST_OFFSET}.
 *
 * <p>Thread safety: immutable.
 */
public enum ConsumeFromWhere {
    /** From the end of the queue: only messages sent from now on. */
    CONSUME_FROM_LAST_OFFSET,
    /** From the oldest message still stored. */
    CONSUME_FROM_FIRST_OFFSET,
    /** From the first message stored at or after the consumer's consume timestamp. */
    CONSUME_FROM_TIMESTAMP
}
