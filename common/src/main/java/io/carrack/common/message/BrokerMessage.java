package io.carrack.common.message;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A message as the broker hands it to a store: every field of the stored layout except those the
 * store assigns at append time (queue offset, physical offset, store timestamp).
 *
 * <p>Thread safety: not thread-safe; build it on one thread and then hand it over.
 */
public final class BrokerMessage {
    private String topic;
    private int queueId;
    private int flag;
    private byte[] body = new byte[0];
    private String propertiesString = "";
    private Map<String, String> properties;
    private byte[] propertiesBytes;
    private byte[] topicBytes;
    private int sysFlag;
    private long bornTimestamp;
    private InetSocketAddress bornHost;
    private InetSocketAddress storeHost;
    private int reconsumeTimes;
    private long preparedTransactionOffset;
    private long tagsCode;

    public String topic() {
        return topic;
    }

    public BrokerMessage topic(String topic) {
        this.topic = topic;
        this.topicBytes = null;
        return this;
    }

    public int queueId() {
        return queueId;
    }

    public BrokerMessage queueId(int queueId) {
        this.queueId = queueId;
        return this;
    }

    public int flag() {
        return flag;
    }

    public BrokerMessage flag(int flag) {
        this.flag = flag;
        return this;
    }

    /** The body as stored (compressed if the sysFlag says so). */
    public byte[] body() {
        return body;
    }

    public BrokerMessage body(byte[] body) {
        this.body = body == null ? new byte[0] : body;
        return this;
    }

    /** The encoded properties text written to the store. */
    public String propertiesString() {
        return propertiesString;
    }

    /** Sets the properties from their encoded text. */
    public BrokerMessage propertiesString(String text) {
        this.propertiesString = text == null ? "" : text;
        this.properties = null;
        this.propertiesBytes = null;
        return this;
    }

    /** The decoded properties; a live view that {@link #properties(Map)} must be used to change. */
    public Map<String, String> properties() {
        if (properties == null) {
            properties = MessageProperties.decode(propertiesString);
        }
        return properties;
    }

    /** Replaces the properties; the encoded text is rebuilt at once. */
    public BrokerMessage properties(Map<String, String> properties) {
        this.properties = properties;
        this.propertiesString = MessageProperties.encode(properties);
        this.propertiesBytes = null;
        return this;
    }

    /**
     * The UTF-8 bytes of {@link #propertiesString()}, encoded once and kept until the properties change.
     * The array is shared: callers must not modify it.
     */
    public byte[] propertiesBytes() {
        byte[] b = propertiesBytes;
        if (b == null) {
            b = propertiesString.getBytes(StandardCharsets.UTF_8);
            propertiesBytes = b;
        }
        return b;
    }

    /**
     * The value of one property, or null. Until {@link #properties()} is called this reads the encoded
     * text without decoding the other properties.
     */
    public String property(String name) {
        return properties != null ? properties.get(name) : MessageProperties.find(propertiesString, name);
    }

    public int sysFlag() {
        return sysFlag;
    }

    public BrokerMessage sysFlag(int sysFlag) {
        this.sysFlag = sysFlag;
        return this;
    }

    public long bornTimestamp() {
        return bornTimestamp;
    }

    public BrokerMessage bornTimestamp(long bornTimestamp) {
        this.bornTimestamp = bornTimestamp;
        return this;
    }

    public InetSocketAddress bornHost() {
        return bornHost;
    }

    public BrokerMessage bornHost(InetSocketAddress bornHost) {
        this.bornHost = bornHost;
        return this;
    }

    public InetSocketAddress storeHost() {
        return storeHost;
    }

    public BrokerMessage storeHost(InetSocketAddress storeHost) {
        this.storeHost = storeHost;
        return this;
    }

    public int reconsumeTimes() {
        return reconsumeTimes;
    }

    public BrokerMessage reconsumeTimes(int reconsumeTimes) {
        this.reconsumeTimes = reconsumeTimes;
        return this;
    }

    public long preparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    public BrokerMessage preparedTransactionOffset(long offset) {
        this.preparedTransactionOffset = offset;
        return this;
    }

    /**
     * The consume-queue tags code: {@code TAGS.hashCode()} (0 without tags), or for the schedule
     * topic the delivery time.
     */
    public long tagsCode() {
        return tagsCode;
    }

    public BrokerMessage tagsCode(long tagsCode) {
        this.tagsCode = tagsCode;
        return this;
    }

    /** The TAGS property, or null. */
    public String tags() {
        return property(MessageConst.TAGS);
    }

    /** The KEYS property split on spaces; empty when absent. */
    public List<String> keys() {
        String keys = property(MessageConst.KEYS);
        if (keys == null || keys.isBlank()) {
            return List.of();
        }
        return List.of(keys.trim().split(" +"));
    }

    /** The UNIQ_KEY property, or null. */
    public String uniqueKey() {
        return property(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }

    /** The tags code of a TAGS value as RocketMQ computes it. */
    public static long tagsCodeOf(String tags) {
        return tags == null || tags.isEmpty() ? 0 : tags.hashCode();
    }

    /**
     * The UTF-8 bytes of the topic, encoded once and kept until the topic changes. The array is shared:
     * callers must not modify it.
     */
    public byte[] topicBytes() {
        byte[] b = topicBytes;
        if (b == null) {
            b = topic.getBytes(StandardCharsets.UTF_8);
            topicBytes = b;
        }
        return b;
    }
}
