package io.carrack.compat.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.Messages.Fingerprint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageId;

/**
 * The messages a test sent, with where the broker said it stored them, and exact comparison with
 * what a consumer received.
 */
public final class Expected {

    /** Where the broker stored a message, as its send result said; fields are null when unknown. */
    public record Placement(Integer queueId, Long queueOffset, String offsetMsgId) {
    }

    private final Map<Fingerprint, Placement> messages = new LinkedHashMap<>();

    /** Adds a message whose placement is unknown (one-way send). */
    public synchronized void add(Fingerprint fingerprint) {
        messages.put(fingerprint, new Placement(null, null, null));
    }

    /** Adds a message sent alone with result {@code result}. */
    public synchronized void add(Fingerprint fingerprint, SendResult result) {
        messages.put(fingerprint, new Placement(result.getMessageQueue().getQueueId(), result.getQueueOffset(),
                result.getOffsetMsgId()));
    }

    /** Adds a message with a known placement. */
    public synchronized void add(Fingerprint fingerprint, Placement placement) {
        messages.put(fingerprint, placement);
    }

    /** The keys of the expected messages. */
    public synchronized Set<String> keys() {
        return messages.keySet().stream().map(Fingerprint::key).collect(Collectors.toSet());
    }

    /** The expected messages. */
    public synchronized Set<Fingerprint> fingerprints() {
        return Set.copyOf(messages.keySet());
    }

    /** How many messages are expected. */
    public synchronized int size() {
        return messages.size();
    }

    /**
     * Waits until {@code inbox} holds every expected key, then asserts it holds exactly the expected
     * messages (key, body, client id), each once, at the placement the broker reported, with offset
     * message ids naming {@code brokerAddr}.
     */
    public void assertReceivedExactly(Inbox inbox, String brokerAddr, Duration timeout) {
        inbox.awaitKeys(keys(), timeout);
        assertExactly(inbox.snapshot(), brokerAddr);
    }

    /** Asserts {@code received} is exactly the expected messages, as {@link #assertReceivedExactly}. */
    public synchronized void assertExactly(List<MessageExt> received, String brokerAddr) {
        List<Fingerprint> got = received.stream().map(Fingerprint::of).toList();
        assertEquals(messages.keySet(), Set.copyOf(got), "received messages (key, body, msgId)");
        assertEquals(messages.size(), got.size(), "no message may be received twice: " + got);
        List<String> problems = new ArrayList<>();
        for (MessageExt m : received) {
            Placement placement = messages.get(Fingerprint.of(m));
            String offsetMsgId = Inbox.offsetMsgId(m);
            if (placement.queueId() != null && placement.queueId() != m.getQueueId()) {
                problems.add(m.getKeys() + ": queueId " + m.getQueueId() + ", send result said " + placement.queueId());
            }
            if (placement.queueOffset() != null && placement.queueOffset() != m.getQueueOffset()) {
                problems.add(m.getKeys() + ": queueOffset " + m.getQueueOffset() + ", send result said "
                        + placement.queueOffset());
            }
            if (placement.offsetMsgId() != null && !placement.offsetMsgId().equals(offsetMsgId)) {
                problems.add(m.getKeys() + ": offsetMsgId " + offsetMsgId + ", send result said "
                        + placement.offsetMsgId());
            }
            String host = storeHostOf(offsetMsgId);
            if (!brokerAddr.equals(host)) {
                problems.add(m.getKeys() + ": offsetMsgId " + offsetMsgId + " names store host " + host
                        + ", broker is " + brokerAddr);
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** The {@code ip:port} an offset message id names. */
    public static String storeHostOf(String offsetMsgId) {
        try {
            MessageId id = MessageDecoder.decodeMessageId(offsetMsgId);
            InetSocketAddress address = (InetSocketAddress) id.getAddress();
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        } catch (Exception e) {
            return "<undecodable: " + e + ">";
        }
    }
}
