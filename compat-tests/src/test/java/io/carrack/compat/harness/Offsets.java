package io.carrack.compat.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.header.QueryConsumerOffsetRequestHeader;

/** Queue offsets as producers, consumers and the broker see them. */
public final class Offsets {

    private static final long RPC_TIMEOUT_MS = 3000;

    private Offsets() {
    }

    /** Per queue, the offset after the last of {@code results}: the next offset to be written there. */
    public static Map<MessageQueue, Long> nextOffsets(Iterable<SendResult> results) {
        Map<MessageQueue, Long> next = new HashMap<>();
        for (SendResult r : results) {
            next.merge(r.getMessageQueue(), r.getQueueOffset() + 1, Math::max);
        }
        return next;
    }

    /** The offset a push consumer holds in memory for {@code queue} (-1 if none). */
    public static long memoryOffset(DefaultMQPushConsumer consumer, MessageQueue queue) {
        return consumer.getDefaultMQPushConsumerImpl().getOffsetStore().readOffset(queue,
                ReadOffsetType.READ_FROM_MEMORY);
    }

    /**
     * Waits until {@code consumer} has acknowledged every message up to the given next offsets, so
     * everything it will ever hand to its listener from those queues has been handed over.
     */
    public static void awaitConsumedUpTo(DefaultMQPushConsumer consumer, Map<MessageQueue, Long> nextOffsets,
            Duration timeout) {
        Await.await("consumer offsets to reach " + new TreeMap<>(nextOffsets), timeout,
                () -> nextOffsets.entrySet().stream().allMatch(e -> memoryOffset(consumer, e.getKey()) >= e.getValue()),
                () -> describe(nextOffsets, q -> memoryOffset(consumer, q)));
    }

    /**
     * The consumer offset the broker holds for {@code group} on {@code queue}, asked over
     * QUERY_CONSUMER_OFFSET through {@code producer}'s client instance; -1 if the broker has none.
     */
    public static long brokerOffset(DefaultMQProducer producer, String brokerAddr, String group, MessageQueue queue)
            throws Exception {
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(queue.getTopic());
        header.setQueueId(queue.getQueueId());
        try {
            return producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl()
                    .queryConsumerOffset(brokerAddr, header, RPC_TIMEOUT_MS);
        } catch (MQBrokerException e) {
            return -1;
        }
    }

    /** "queue=value" per queue, for failure messages. */
    static String describe(Map<MessageQueue, Long> expected, java.util.function.ToLongFunction<MessageQueue> actual) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(expected).forEach((q, v) -> sb.append(q.getQueueId()).append(": expected ").append(v)
                .append(", actual ").append(actual.applyAsLong(q)).append("; "));
        return sb.toString();
    }
}
