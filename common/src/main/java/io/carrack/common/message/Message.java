package io.carrack.common.message;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message as Carrack's Java client sends it: topic, flag, body and properties. Tags, keys, delay level
 * and the wait-for-store switch are properties, as in RocketMQ ({@code TAGS}, {@code KEYS},
 * {@code DELAY}, {@code WAIT}); user properties may not use the names in
 * {@link MessageConst#SYSTEM_PROPERTIES}. A new message waits for the store ({@code WAIT=true}), as
 * RocketMQ's does.
 *
 * <pre>{@code
 * Message m = Message.builder("orders").tags("created").keys("order-42").body(bytes).build();
 * }</pre>
 *
 * <p>Thread safety: not thread-safe.
 */
public final class Message {
    private String topic;
    private int flag;
    private byte[] body;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** A message with the given topic and body, waiting for the store. */
    public Message(String topic, byte[] body) {
        this.topic = requireTopic(topic);
        this.body = body == null ? new byte[0] : body;
        setWaitStoreMsgOK(true);
    }

    /** A message with tags and keys (null for none). */
    public Message(String topic, String tags, String keys, byte[] body) {
        this(topic, body);
        setTags(tags);
        setKeys(keys);
    }

    /** A builder for a message on {@code topic}. */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = requireTopic(topic);
    }

    /** The user flag, stored as is. */
    public int getFlag() {
        return flag;
    }

    public void setFlag(int flag) {
        this.flag = flag;
    }

    /** The body; not copied. */
    public byte[] getBody() {
        return body;
    }

    /** Sets the body (null means empty); not copied. */
    public void setBody(byte[] body) {
        this.body = body == null ? new byte[0] : body;
    }

    /** The TAGS property, or null. */
    public String getTags() {
        return properties.get(MessageConst.TAGS);
    }

    /** Sets the single tag; null or empty removes it. */
    public void setTags(String tags) {
        putOrRemove(MessageConst.TAGS, tags);
    }

    /** The KEYS property (keys separated by spaces), or null. */
    public String getKeys() {
        return properties.get(MessageConst.KEYS);
    }

    /** The keys as a list; empty when none. */
    public List<String> getKeyList() {
        String keys = getKeys();
        if (keys == null || keys.isBlank()) {
            return List.of();
        }
        return List.of(keys.trim().split(" +"));
    }

    /** Sets the KEYS property text (keys separated by spaces); null or empty removes it. */
    public void setKeys(String keys) {
        putOrRemove(MessageConst.KEYS, keys);
    }

    /** Sets the keys, joined by spaces; an empty collection removes them. */
    public void setKeys(Collection<String> keys) {
        setKeys(keys == null ? null : String.join(MessageConst.KEY_SEPARATOR, keys));
    }

    /** The delay level (1..18 by default on the broker), 0 when not delayed. */
    public int getDelayTimeLevel() {
        String v = properties.get(MessageConst.DELAY_TIME_LEVEL);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Sets the delay level; 0 or less removes it. */
    public void setDelayTimeLevel(int level) {
        putOrRemove(MessageConst.DELAY_TIME_LEVEL, level > 0 ? Integer.toString(level) : null);
    }

    /** Whether the broker answers only after the message is flushed or replicated as configured. */
    public boolean isWaitStoreMsgOK() {
        String v = properties.get(MessageConst.WAIT_STORE_MSG_OK);
        return v == null || Boolean.parseBoolean(v);
    }

    public void setWaitStoreMsgOK(boolean wait) {
        properties.put(MessageConst.WAIT_STORE_MSG_OK, Boolean.toString(wait));
    }

    /**
     * Sets a user property.
     *
     * @throws IllegalArgumentException if the name is a system property name, or the name or value is blank
     */
    public void putUserProperty(String name, String value) {
        if (name == null || name.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("property name and value must not be blank: " + name + "=" + value);
        }
        if (MessageConst.SYSTEM_PROPERTIES.contains(name)) {
            throw new IllegalArgumentException("property " + name + " is reserved for the system");
        }
        checkSeparators(name, value);
        properties.put(name, value);
    }

    /** A user property's value, or null. */
    public String getUserProperty(String name) {
        return properties.get(name);
    }

    /** A property (system or user), or null. */
    public String getProperty(String name) {
        return properties.get(name);
    }

    /**
     * Sets any property, system ones included; for the client and broker internals.
     *
     * @throws IllegalArgumentException if the name or value contains a property separator character
     */
    public void putProperty(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkSeparators(name, value);
        properties.put(name, value);
    }

    /** Removes a property; returns its old value or null. */
    public String removeProperty(String name) {
        return properties.remove(name);
    }

    /** All properties, in insertion order; read-only. */
    public Map<String, String> getProperties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Replaces all properties (no system-name check: this is the decoding path). */
    public void setProperties(Map<String, String> props) {
        properties.clear();
        if (props != null) {
            props.forEach((k, v) -> {
                if (k != null && v != null) {
                    properties.put(k, v);
                }
            });
        }
    }

    /** The UNIQ_KEY property, or null. */
    public String getUniqueKey() {
        return properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }

    /** Sets UNIQ_KEY from {@link UniqueKeys#defaultGenerator()} if the message has none; returns it. */
    public String ensureUniqueKey() {
        return properties.computeIfAbsent(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, k -> UniqueKeys.create());
    }

    /** The properties as encoded on the wire (PROTOCOL.md section 10.5). */
    public String encodedProperties() {
        return MessageProperties.encode(properties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && topic.equals(m.topic) && flag == m.flag && Arrays.equals(body, m.body)
                && properties.equals(m.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, flag, Arrays.hashCode(body), properties);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topic + ", flag=" + flag + ", properties=" + properties + ", body=" + body.length
                + " bytes]";
    }

    private void putOrRemove(String name, String value) {
        if (value == null || value.isEmpty()) {
            properties.remove(name);
        } else {
            checkSeparators(name, value);
            properties.put(name, value);
        }
    }

    private static void checkSeparators(String name, String value) {
        if (hasSeparator(name) || hasSeparator(value)) {
            throw new IllegalArgumentException("property " + name.replace('\u0001', '?').replace('\u0002', '?')
                    + " contains a reserved separator character (\\u0001 or \\u0002)");
        }
    }

    private static boolean hasSeparator(String s) {
        return s.indexOf(MessageConst.NAME_VALUE_SEPARATOR) >= 0 || s.indexOf(MessageConst.PROPERTY_SEPARATOR) >= 0;
    }

    private static String requireTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        return topic;
    }

    /**
     * Builds a {@link Message}.
     *
     * <p>Thread safety: not thread-safe.
     */
    public static final class Builder {
        private final Message message;

        private Builder(String topic) {
            this.message = new Message(topic, null);
        }

        public Builder body(byte[] body) {
            message.setBody(body);
            return this;
        }

        public Builder flag(int flag) {
            message.setFlag(flag);
            return this;
        }

        public Builder tags(String tags) {
            message.setTags(tags);
            return this;
        }

        /** Sets the keys, joined by spaces. */
        public Builder keys(String... keys) {
            message.setKeys(List.of(keys));
            return this;
        }

        public Builder delayTimeLevel(int level) {
            message.setDelayTimeLevel(level);
            return this;
        }

        public Builder waitStoreMsgOK(boolean wait) {
            message.setWaitStoreMsgOK(wait);
            return this;
        }

        /** Adds a user property; see {@link Message#putUserProperty}. */
        public Builder userProperty(String name, String value) {
            message.putUserProperty(name, value);
            return this;
        }

        /** The message; the builder must not be used afterwards. */
        public Message build() {
            return message;
        }
    }
}
