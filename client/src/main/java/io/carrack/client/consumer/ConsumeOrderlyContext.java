package io.carrack.client.consumer;

import io.carrack.common.message.MessageQueue;

/**
 * Per-call context of an {@link OrderlyMessageListener}.
 *
 * <p>Thread safety: not thread-safe; it belongs to the one call it is passed to.
 */
public final class ConsumeOrderlyContext {
    private final MessageQueue queue;
    private long suspendCurrentQueueTimeMillis = -1;

    /** A context for messages of {@code queue}. */
    public ConsumeOrderlyContext(MessageQueue queue) {
        this.queue = queue;
    }

    /** The queue the messages came from. */
    public MessageQueue queue() {
        return queue;
    }

    /** How long to suspend the queue on {@link ConsumeOrderlyStatus#SUSPEND_CURRENT_QUEUE_A_MOMENT}; -1 = the consumer's setting. */
    public long suspendCurrentQueueTimeMillis() {
        return suspendCurrentQueueTimeMillis;
    }

    /** Sets the suspend time for this call. */
    public void suspendCurrentQueueTimeMillis(long millis) {
        this.suspendCurrentQueueTimeMillis = millis;
    }
}
