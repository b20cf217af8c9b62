package io.carrack.client.consumer;

/**
 * What an {@link OrderlyMessageListener} reports.
 *
 * <p>Thread safety: immutable.
 */
public enum ConsumeOrderlyStatus {
    /** The messages were handled; the queue moves on. */
    SUCCESS,
    /** Stop this queue for the context's suspend time, then offer the same messages again. */
    SUSPEND_CURRENT_QUEUE_A_MOMENT
}
