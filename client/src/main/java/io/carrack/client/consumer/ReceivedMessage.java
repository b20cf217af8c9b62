package io.carrack.client.consumer;

import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageQueue;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A message as a consumer receives it: the user's topic, tags, keys, body (decompressed) and
 * properties, plus what the broker assigned.
 *
 * <p>Thread safety: immutable apart from the body array, which callers must not change.
 *
 * @param topic            the topic the message was sent to (for a retried message, the original topic)
 * @param queue            the queue it was pulled from (for a retried message, a {@code %RETRY%} queue)
 * @param queueOffset      its offset in that queue
 * @param commitLogOffset  its physical offset on the broker
 * @param messageId        the producer's unique id ({@code UNIQ_KEY}), or the offset id if it has none
 * @param offsetMessageId  the broker-assigned offset id (store host and physical offset)
 * @param body             the body, decompressed
 * @param flag             the user flag
 * @param sysFlag          the system flag bits as stored
 * @param properties       all properties, user and system
 * @param reconsumeTimes   how many times it was consumed and handed back before
 * @param bornTimestamp    producer clock at send, ms since the epoch
 * @param bornHost         the producer's address as the broker saw it
 * @param storeTimestamp   broker clock at store, ms since the epoch
 * @param storeHost        the broker that stored it
 */
public record ReceivedMessage(String topic, MessageQueue queue, long queueOffset, long commitLogOffset,
                              String messageId, String offsetMessageId, byte[] body, int flag, int sysFlag,
                              Map<String, String> properties, int reconsumeTimes, long bornTimestamp,
                              InetSocketAddress bornHost, long storeTimestamp, InetSocketAddress storeHost) {
    /** Copies the properties into an unmodifiable map. */
    public ReceivedMessage {
        properties = Map.copyOf(properties);
    }

    /** The tag, or null. */
    public String tags() {
        return properties.get(MessageConst.TAGS);
    }

    /** The business keys; empty when none. */
    public List<String> keys() {
        String k = properties.get(MessageConst.KEYS);
        return k == null || k.isBlank() ? List.of() : List.of(k.trim().split(" +"));
    }

    /** One property, or null. */
    public String property(String name) {
        return properties.get(name);
    }

    /** The first message id this message had before it went through retry, or null. */
    public String originMessageId() {
        return properties.get(MessageConst.ORIGIN_MESSAGE_ID);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", queue=" + queue + ", queueOffset=" + queueOffset
                + ", messageId=" + messageId + ", tags=" + tags() + ", keys=" + keys() + ", bodyLength=" + body.length
                + ", reconsumeTimes=" + reconsumeTimes + "]";
    }
}
