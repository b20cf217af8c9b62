package io.carrack.compat.harness;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** Building and describing messages in the compat tests. */
public final class Messages {

    private Messages() {
    }

    /** A message with UTF-8 {@code body}, {@code key} as its only key, and {@code tags} (may be null). */
    public static Message message(String topic, String tags, String key, String body) {
        Message message = new Message(topic, tags, key, body.getBytes(StandardCharsets.UTF_8));
        return message;
    }

    /** What identifies a message in the assertions: key, body and the client-assigned id. */
    public record Fingerprint(String key, String body, String msgId) {
        /** The fingerprint of a received message. */
        public static Fingerprint of(MessageExt m) {
            return new Fingerprint(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8), m.getMsgId());
        }
    }
}
