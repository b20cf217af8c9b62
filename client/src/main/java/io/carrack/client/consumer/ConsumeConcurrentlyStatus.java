package io.carrack.client.consumer;

/**
 * What a {@link ConcurrentMessageListener} reports.
 *
 * <p>Thread safety: immutable.
 */
public enum ConsumeConcurrentlyStatus {
    /** Every message was handled (or those up to the context's ack index). */
    CONSUME_SUCCESS,
    /** Retry the messages later: in clustering mode they are sent back to the group's retry topic. */
    RECONSUME_LATER
}
