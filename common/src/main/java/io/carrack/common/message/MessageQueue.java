package io.carrack.common.message;

/**
 * One queue of a topic on one broker.
 *
 * @param topic      the topic
 * @param brokerName the broker name (master and slaves share it)
 * @param queueId    the queue id within the topic on that broker
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {
    @Override
    public int compareTo(MessageQueue o) {
        int c = topic.compareTo(o.topic);
        if (c != 0) {
            return c;
        }
        c = brokerName.compareTo(o.brokerName);
        return c != 0 ? c : Integer.compare(queueId, o.queueId);
    }
}
