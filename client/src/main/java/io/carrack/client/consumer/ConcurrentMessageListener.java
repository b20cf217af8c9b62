package io.carrack.client.consumer;

import java.util.List;

/**
 * Consumes messages of many queues at once, on the consumer's thread pool; order is not kept.
 *
 * <p>Thread safety: called concurrently from the consume threads; implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConcurrentMessageListener {
    /**
     * Handles a batch of at most {@code consumeMessageBatchMaxSize} messages from one queue. A thrown
     * exception counts as {@link ConsumeConcurrentlyStatus#RECONSUME_LATER}.
     */
    ConsumeConcurrentlyStatus consume(List<ReceivedMessage> messages, ConsumeConcurrentlyContext context);
}
