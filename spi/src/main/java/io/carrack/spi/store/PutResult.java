package io.carrack.spi.store;

/**
 * Result of a put of one message or a batch.
 *
 * @param status         the outcome
 * @param physicalOffset the physical offset of the first message written, or -1
 * @param wroteBytes     bytes written for all messages
 * @param queueOffset    the queue offset of the first message, or -1
 * @param messageCount   messages written
 * @param storeTimestamp store timestamp given to the messages
 */
public record PutResult(PutStatus status, long physicalOffset, int wroteBytes, long queueOffset, int messageCount,
                        long storeTimestamp) {
    /** A failed put: nothing was written. */
    public static PutResult failed(PutStatus status) {
        return new PutResult(status, -1, 0, -1, 0, 0);
    }

    /** The same result with another status (flush or replication outcome). */
    public PutResult withStatus(PutStatus newStatus) {
        return new PutResult(newStatus, physicalOffset, wroteBytes, queueOffset, messageCount, storeTimestamp);
    }
}
