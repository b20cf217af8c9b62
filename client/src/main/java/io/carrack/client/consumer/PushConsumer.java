package io.carrack.client.consumer;

import io.carrack.common.message.MessageQueue;
import java.util.Set;

/**
 * A consumer that pulls in the background and calls a listener: RocketMQ's push consumer. Build one
 * with {@link #builder()}; it is running when {@code build()} returns and stops on {@link #close()}.
 *
 * <pre>{@code
 * try (PushConsumer consumer = PushConsumer.builder()
 *         .namesrvAddr("127.0.0.1:9876")
 *         .group("CG")
 *         .subscribe("TopicTest", Selector.tag("TagA || TagB"))
 *         .concurrentListener((msgs, ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS)
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public interface PushConsumer extends AutoCloseable {
    /** A builder with the RocketMQ 4.9.7 defaults. */
    static PushConsumerBuilder builder() {
        return new PushConsumerBuilder();
    }

    /** The consumer group. */
    String group();

    /** This consumer's client id, {@code ip@instance}. */
    String clientId();

    /** Adds or replaces a subscription; the brokers hear of it at once. */
    void subscribe(String topic, Selector selector);

    /** Drops a subscription. */
    void unsubscribe(String topic);

    /** The queues this consumer holds now. */
    Set<MessageQueue> assignment();

    /** Stops pulling until {@link #resume()}; messages already pulled are still consumed. */
    void suspend();

    /** Resumes pulling. */
    void resume();

    /** Runs a rebalance now instead of waiting for the next one. */
    void rebalanceNow();

    /**
     * Stops pulling, waits briefly for running listeners, persists offsets, releases orderly locks,
     * unregisters from the brokers and closes connections. Idempotent.
     */
    @Override
    void close();
}
