package io.carrack.client.consumer;

import java.util.List;

/**
 * Consumes each queue's messages in queue order, one batch of a queue at a time, while this consumer
 * holds the broker's lock on the queue.
 *
 * <p>Thread safety: called from the consume threads, never concurrently for the same queue, but
 * concurrently for different queues.
 */
@FunctionalInterface
public interface OrderlyMessageListener {
    /**
     * Handles a batch of consecutive messages of one queue. A thrown exception counts as
     * {@link ConsumeOrderlyStatus#SUSPEND_CURRENT_QUEUE_A_MOMENT}.
     */
    ConsumeOrderlyStatus consume(List<ReceivedMessage> messages, ConsumeOrderlyContext context);
}
