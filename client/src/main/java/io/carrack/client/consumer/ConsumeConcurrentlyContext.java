package io.carrack.client.consumer;

import io.carrack.common.message.MessageQueue;

/**
 * Per-call context of a {@link ConcurrentMessageListener}.
 *
 * <p>Thread safety: not thread-safe; it belongs to the one call it is passed to.
 */
public final class ConsumeConcurrentlyContext {
    private final MessageQueue queue;
    private int delayLevelWhenNextConsume;
    private int ackIndex = Integer.MAX_VALUE;

    /** A context for messages of {@code queue}. */
    public ConsumeConcurrentlyContext(MessageQueue queue) {
        this.queue = queue;
    }

    /** The queue the messages came from. */
    public MessageQueue queue() {
        return queue;
    }

    /** The delay level of a retry: 0 lets the broker decide (3 + reconsume times), -1 sends to the DLQ. */
    public int delayLevelWhenNextConsume() {
        return delayLevelWhenNextConsume;
    }

    /** Sets the delay level of a retry. */
    public void delayLevelWhenNextConsume(int level) {
        this.delayLevelWhenNextConsume = level;
    }

    /**
     * The index of the last successfully handled message when the listener returns
     * {@link ConsumeConcurrentlyStatus#CONSUME_SUCCESS}; messages after it are retried.
     */
    public int ackIndex() {
        return ackIndex;
    }

    /** Sets the ack index. */
    public void ackIndex(int index) {
        this.ackIndex = index;
    }
}
