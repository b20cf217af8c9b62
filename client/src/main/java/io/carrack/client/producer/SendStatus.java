package io.carrack.client.producer;

/**
 * The outcome of a stored send. Every status but {@link #SEND_OK} still means the message was stored.
 *
 * <p>Thread safety: immutable.
 */
public enum SendStatus {
    /** Stored (and flushed or replicated if the broker waits for that). */
    SEND_OK,
    /** Stored, but the flush to disk did not finish in time (broker code 10). */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but replication to the slave did not finish in time (broker code 12). */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but the broker has no slave to replicate to (broker code 11). */
    SLAVE_NOT_AVAILABLE
}
