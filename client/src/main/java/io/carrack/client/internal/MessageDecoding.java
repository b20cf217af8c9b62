package io.carrack.client.internal;

import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pull body into received messages (PROTOCOL.md section 7.1, "how the client uses the
 * answer"): decode the stored records, keep only exact tag matches (the broker filters by tag hash,
 * which can collide), add {@code MIN_OFFSET}/{@code MAX_OFFSET}, decompress bodies.
 */
public final class MessageDecoding {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDecoding.class);

    private MessageDecoding() {
    }

    /** The messages of a FOUND pull answer that match {@code sub}. */
    public static List<ReceivedMessage> decodePull(byte[] body, String brokerName, PullResponse resp,
                                                   SubscriptionData sub) {
        List<StoredMessage> stored = decodeAll(body);
        boolean filterTags = sub != null && !sub.isClassFilterMode() && ExpressionType.isTagType(sub.getExpressionType())
                && !sub.getTagsSet().isEmpty();
        List<ReceivedMessage> out = new ArrayList<>(stored.size());
        for (StoredMessage m : stored) {
            if (filterTags && !sub.getTagsSet().contains(m.tags())) {
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>(m.properties());
            props.put(MessageConst.MIN_OFFSET, Long.toString(resp.minOffset()));
            props.put(MessageConst.MAX_OFFSET, Long.toString(resp.maxOffset()));
            out.add(toReceived(m, brokerName, props));
        }
        return out;
    }

    /** Decodes records up to the first that fails, as the RocketMQ client does. */
    static List<StoredMessage> decodeAll(byte[] body) {
        List<StoredMessage> list = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(body);
        while (buf.remaining() > 0) {
            try {
                list.add(StoredMessageCodec.decode(buf));
            } catch (RuntimeException e) {
                LOG.warn("stopped decoding a pull body at byte {}: {}", buf.position(), e.toString());
                break;
            }
        }
        return list;
    }

    /** A received message from a stored record. */
    public static ReceivedMessage toReceived(StoredMessage m, String brokerName, Map<String, String> props) {
        String offsetId = MessageIds.offsetId(m.storeHost(), m.physicalOffset());
        String uniq = props.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        return new ReceivedMessage(m.topic(), new MessageQueue(m.topic(), brokerName, m.queueId()), m.queueOffset(),
                m.physicalOffset(), uniq != null ? uniq : offsetId, offsetId,
                Compression.decompressIfNeeded(m.body(), m.sysFlag()), m.flag(), m.sysFlag(), props,
                m.reconsumeTimes(), m.bornTimestamp(), m.bornHost(), m.storeTimestamp(), m.storeHost());
    }

    /** A copy with another topic (the original topic of a retried message). */
    public static ReceivedMessage withTopic(ReceivedMessage m, String topic) {
        return new ReceivedMessage(topic, m.queue(), m.queueOffset(), m.commitLogOffset(), m.messageId(),
                m.offsetMessageId(), m.body(), m.flag(), m.sysFlag(), m.properties(), m.reconsumeTimes(),
                m.bornTimestamp(), m.bornHost(), m.storeTimestamp(), m.storeHost());
    }

    /** A copy with another reconsume count. */
    public static ReceivedMessage withReconsumeTimes(ReceivedMessage m, int times) {
        return new ReceivedMessage(m.topic(), m.queue(), m.queueOffset(), m.commitLogOffset(), m.messageId(),
                m.offsetMessageId(), m.body(), m.flag(), m.sysFlag(), m.properties(), times, m.bornTimestamp(),
                m.bornHost(), m.storeTimestamp(), m.storeHost());
    }

    /**
     * For a message pulled from {@code %RETRY%<group>}, the same message under its original topic
     * (property {@code RETRY_TOPIC}); other messages are returned as they are.
     */
    public static ReceivedMessage restoreRetryTopic(ReceivedMessage m, String group) {
        String retryTopic = MixTopics.retryTopic(group);
        String original = m.property(MessageConst.RETRY_TOPIC);
        if (original != null && retryTopic.equals(m.topic())) {
            return withTopic(m, original);
        }
        return m;
    }
}
