package io.carrack.client.producer;

import io.carrack.common.message.Message;
import io.carrack.common.message.MessageQueue;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to the brokers that host a topic. Build one with {@link #builder()}; it is ready when
 * {@code build()} returns. Failures are {@link io.carrack.client.ClientException}s (unchecked).
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder().namesrvAddr("127.0.0.1:9876").group("PG").build()) {
 *     SendResult r = producer.send(Message.builder("TopicTest").tags("TagA").body(bytes).build());
 *     producer.sendAsync(message).whenComplete((result, error) -> ...);
 * }
 * }</pre>
 *
 * <p>A send picks the topic's queues round robin; a failed synchronous send is retried (twice by
 * default) on a queue of another broker when there is one, all within the send timeout. Sends to an
 * explicit queue or through a selector are not retried, so that ordering is not broken.
 *
 * <p>Thread safety: all methods may be called from any thread; a message must not be changed while
 * it is being sent (the producer adds its {@code UNIQ_KEY}).
 */
public interface Producer extends AutoCloseable {
    /** A builder with the RocketMQ 4.9.7 defaults. */
    static ProducerBuilder builder() {
        return new ProducerBuilder();
    }

    /** The producer group. */
    String group();

    /** This producer's client id, {@code ip@instance}. */
    String clientId();

    /** Sends and waits for the broker, retrying on another broker on failure. */
    SendResult send(Message message);

    /** Sends to one queue and waits; no retry. */
    SendResult send(Message message, MessageQueue queue);

    /** Sends to the queue the selector picks and waits; no retry. */
    SendResult send(Message message, MessageQueueSelector selector, Object arg);

    /** Sends several messages of one topic as one batch to one queue, and waits. */
    SendResult send(Collection<Message> batch);

    /** Sends without waiting; the future completes with the result or the last failure after retries. */
    CompletableFuture<SendResult> sendAsync(Message message);

    /** Sends to the queue the selector picks without waiting; no retry. */
    CompletableFuture<SendResult> sendAsync(Message message, MessageQueueSelector selector, Object arg);

    /** Sends a batch without waiting. */
    CompletableFuture<SendResult> sendAsync(Collection<Message> batch);

    /** Sends without any answer from the broker: no result, no retry. */
    void sendOneway(Message message);

    /** Sends one-way to the queue the selector picks. */
    void sendOneway(Message message, MessageQueueSelector selector, Object arg);

    /** The queues a message of {@code topic} may be sent to, fetching the route if needed. */
    List<MessageQueue> publishQueues(String topic);

    /** Unregisters from the brokers and closes connections. Idempotent. */
    @Override
    void close();
}
