package io.carrack.client.internal;

/**
 * A PULL_MESSAGE answer with one of the codes 0, 19, 20 or 21.
 *
 * @param status               the client's reading of the code
 * @param nextBeginOffset      where to pull next
 * @param minOffset            the queue's min offset
 * @param maxOffset            the queue's max offset
 * @param suggestWhichBrokerId the broker id to pull this queue from next
 * @param body                 concatenated stored messages (FOUND only), else null
 */
public record PullResponse(Status status, long nextBeginOffset, long minOffset, long maxOffset,
                           long suggestWhichBrokerId, byte[] body) {
    /** What a pull found. */
    public enum Status {
        /** Messages in the body (code 0). */
        FOUND,
        /** Caught up with the queue (code 19). */
        NO_NEW_MSG,
        /** Entries examined, none matched the filter (code 20). */
        NO_MATCHED_MSG,
        /** The offset is outside the queue (code 21). */
        OFFSET_ILLEGAL
    }
}
