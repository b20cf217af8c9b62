package io.carrack.client.internal.producer;

import io.carrack.common.message.MessageQueue;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queues a producer sends a topic's messages to, and the round-robin position
 * (PROTOCOL.md section 13.3).
 *
 * <p>Thread safety: immutable list, atomic counter.
 */
final class TopicPublishInfo {
    private final List<MessageQueue> queues;
    private final boolean fromDefaultTopic;
    private final AtomicInteger index;

    TopicPublishInfo(List<MessageQueue> queues, boolean fromDefaultTopic, AtomicInteger index) {
        this.queues = List.copyOf(queues);
        this.fromDefaultTopic = fromDefaultTopic;
        this.index = index;
    }

    List<MessageQueue> queues() {
        return queues;
    }

    /** Whether the queues come from TBW102 because the topic has no route yet. */
    boolean fromDefaultTopic() {
        return fromDefaultTopic;
    }

    /** The shared counter, handed on when the queue list is replaced. */
    AtomicInteger index() {
        return index;
    }

    /**
     * The next queue round robin; when {@code avoidBroker} is set, the next queue of another broker
     * if there is one.
     */
    MessageQueue select(String avoidBroker) {
        int n = queues.size();
        if (avoidBroker != null) {
            for (int i = 0; i < n; i++) {
                MessageQueue mq = queues.get(Math.floorMod(index.getAndIncrement(), n));
                if (!mq.brokerName().equals(avoidBroker)) {
                    return mq;
                }
            }
        }
        return queues.get(Math.floorMod(index.getAndIncrement(), n));
    }
}
