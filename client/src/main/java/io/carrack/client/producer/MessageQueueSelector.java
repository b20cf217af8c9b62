package io.carrack.client.producer;

import io.carrack.common.message.Message;
import io.carrack.common.message.MessageQueue;
import java.util.List;

/**
 * Chooses the queue of a message, for example by an order id so that all messages of one order go
 * to the same queue and are consumed in order.
 *
 * <p>Thread safety: called from the sending threads; implementations must be thread-safe.
 */
@FunctionalInterface
public interface MessageQueueSelector {
    /**
     * Picks one of {@code queues} (the topic's writable queues, sorted by broker name and queue id).
     *
     * @param arg the argument given to the send call
     */
    MessageQueue select(List<MessageQueue> queues, Message message, Object arg);

    /** Picks {@code queues[|arg.hashCode() % n|]}, as RocketMQ's SelectMessageQueueByHash. */
    static MessageQueueSelector byHash() {
        return (queues, message, arg) -> {
            int value = arg.hashCode() % queues.size();
            return queues.get(Math.abs(value));
        };
    }
}
