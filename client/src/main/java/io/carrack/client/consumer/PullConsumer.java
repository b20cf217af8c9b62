package io.carrack.client.consumer;

import io.carrack.common.message.MessageQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A consumer the application polls: RocketMQ's lite pull consumer. Either {@link #subscribe} to
 * topics (queues are divided among the group by rebalance, as for a push consumer) or
 * {@link #assign} queues yourself; not both. The consumer pulls in the background into a bounded
 * local cache; {@link #poll} hands out what has arrived. The position of a queue moves past every
 * polled message; {@link #commit} stores positions as the group's offsets (automatically every 5 s
 * during polls when auto-commit is on).
 *
 * <pre>{@code
 * try (PullConsumer consumer = PullConsumer.builder().namesrvAddr("127.0.0.1:9876").group("CG").build()) {
 *     consumer.assign(consumer.fetchMessageQueues("TopicTest"));
 *     List<ReceivedMessage> batch = consumer.poll(Duration.ofSeconds(1));
 *     consumer.commit();
 * }
 * }</pre>
 *
 * <p>Thread safety: all methods may be called from any thread, but polling from several threads
 * at once hands each batch to one of them only and makes positions interleave.
 */
public interface PullConsumer extends AutoCloseable {
    /** A builder with the RocketMQ 4.9.7 lite pull consumer's defaults. */
    static PullConsumerBuilder builder() {
        return new PullConsumerBuilder();
    }

    /** The consumer group. */
    String group();

    /** This consumer's client id. */
    String clientId();

    /** Subscribes to a topic; the group's rebalance assigns its queues. */
    void subscribe(String topic, Selector selector);

    /** Drops a subscription. */
    void unsubscribe(String topic);

    /** Takes exactly these queues (replacing any earlier assignment). */
    void assign(Collection<MessageQueue> queues);

    /** The queues held now. */
    Set<MessageQueue> assignment();

    /** The readable queues of a topic, from its route. */
    Collection<MessageQueue> fetchMessageQueues(String topic);

    /** Waits up to {@code timeout} for messages of one queue; empty when none arrived. */
    List<ReceivedMessage> poll(Duration timeout);

    /** Continues a held queue from {@code offset}; cached messages of the queue are discarded. */
    void seek(MessageQueue queue, long offset);

    /** Continues a held queue from its smallest stored offset. */
    void seekToBeginning(MessageQueue queue);

    /** Continues a held queue from its end. */
    void seekToEnd(MessageQueue queue);

    /** Stores the positions of all held queues as the group's offsets, now. */
    void commit();

    /** The offset stored for a queue, or -1 when none. */
    long committed(MessageQueue queue);

    /** Stops pulling these queues until {@link #resume}. */
    void pause(Collection<MessageQueue> queues);

    /** Resumes pulling these queues. */
    void resume(Collection<MessageQueue> queues);

    /** Commits (with auto-commit on), unregisters and closes connections. Idempotent. */
    @Override
    void close();
}
