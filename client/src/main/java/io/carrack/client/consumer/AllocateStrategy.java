package io.carrack.client.consumer;

import io.carrack.client.internal.consumer.AllocateAverage;
import io.carrack.client.internal.consumer.AllocateAverageByCircle;
import io.carrack.client.internal.consumer.AllocateByConfig;
import io.carrack.client.internal.consumer.AllocateConsistentHash;
import io.carrack.common.message.MessageQueue;
import java.util.Collection;
import java.util.List;

/**
 * Decides which queues of a topic one consumer of a clustering group takes. Every consumer of the
 * group runs the same strategy on the same sorted inputs, so the results are disjoint and together
 * cover every queue. The built-in strategies compute exactly what the RocketMQ 4.9.7 client's
 * strategies of the same names compute, so Carrack and RocketMQ consumers can share a group.
 *
 * <p>Thread safety: implementations must be thread-safe; the built-in ones are stateless.
 */
public interface AllocateStrategy {
    /** The strategy's name, as reported to admin tools. */
    String name();

    /**
     * The queues {@code clientId} takes.
     *
     * @param group     the consumer group
     * @param clientId  this consumer's client id; it must be in {@code clientIds}
     * @param queues    every queue of the topic, sorted by topic, broker name and queue id
     * @param clientIds every consumer of the group, sorted
     */
    List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues, List<String> clientIds);

    /** Contiguous ranges of about {@code queues / consumers} queues each (RocketMQ "AVG", the default). */
    static AllocateStrategy average() {
        return AllocateAverage.INSTANCE;
    }

    /** Queues dealt out one by one like cards (RocketMQ "AVG_BY_CIRCLE"). */
    static AllocateStrategy averageByCircle() {
        return AllocateAverageByCircle.INSTANCE;
    }

    /** A consistent-hash ring with 10 virtual nodes per consumer (RocketMQ "CONSISTENT_HASH"). */
    static AllocateStrategy consistentHash() {
        return new AllocateConsistentHash(10);
    }

    /** A consistent-hash ring with the given number of virtual nodes per consumer. */
    static AllocateStrategy consistentHash(int virtualNodes) {
        return new AllocateConsistentHash(virtualNodes);
    }

    /** Always the given queues, whatever the other consumers do (RocketMQ "CONFIG"). */
    static AllocateStrategy byConfig(Collection<MessageQueue> queues) {
        return new AllocateByConfig(queues);
    }
}
