package io.carrack.spi.tck;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the messages the conformance kit stores and decodes what stores return.
 *
 * <p>Thread safety: stateless apart from an atomic counter for unique keys.
 */
public final class TestMessages {
    /** The producer address every test message carries. */
    public static final InetSocketAddress BORN_HOST = host(new byte[] {10, 1, 2, 3}, 52011);
    /** The broker address every test message carries. */
    public static final InetSocketAddress STORE_HOST = host(new byte[] {127, 0, 0, 1}, 10911);
    /** An IPv6 producer address. */
    public static final InetSocketAddress BORN_HOST_V6 =
            host(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 52012);

    private static final AtomicLong UNIQUE = new AtomicLong();

    private TestMessages() {
    }

    /** A message with body text, UNIQ_KEY and the fixed hosts; no tags, no keys. */
    public static BrokerMessage message(String topic, int queueId, String body) {
        return message(topic, queueId, body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** A message with tags (tags code set from them) and space-separated keys; either may be null. */
    public static BrokerMessage message(String topic, int queueId, byte[] body, String tags, String keys) {
        Map<String, String> props = new LinkedHashMap<>();
        if (keys != null) {
            props.put(MessageConst.KEYS, keys);
        }
        if (tags != null) {
            props.put(MessageConst.TAGS, tags);
        }
        props.put(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqueKey());
        return new BrokerMessage()
                .topic(topic)
                .queueId(queueId)
                .flag(7)
                .body(body)
                .properties(props)
                .bornTimestamp(ControlledClock.DEFAULT_START_MILLIS - 5)
                .bornHost(BORN_HOST)
                .storeHost(STORE_HOST)
                .reconsumeTimes(0)
                .tagsCode(BrokerMessage.tagsCodeOf(tags));
    }

    /** A fresh unique key shaped like a client's UNIQ_KEY (32 upper-case hex characters). */
    public static String uniqueKey() {
        byte[] id = ByteBuffer.allocate(16).putLong(0x0A010203_0000_1234L).putLong(UNIQUE.incrementAndGet()).array();
        return HexFormat.of().withUpperCase().formatHex(id);
    }

    /** Decodes one stored record without moving the buffer's position. */
    public static StoredMessage decode(ByteBuffer record) {
        ByteBuffer copy = record.duplicate();
        StoredMessage m = StoredMessageCodec.decode(copy);
        if (copy.hasRemaining()) {
            throw new AssertionError("buffer holds " + copy.remaining() + " bytes after its record");
        }
        return m;
    }

    /** The body of a stored record as UTF-8 text. */
    public static String bodyText(ByteBuffer record) {
        return new String(decode(record).body(), StandardCharsets.UTF_8);
    }

    /** A body of {@code length} bytes with a recognisable pattern derived from {@code seed}. */
    public static byte[] patternBody(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static InetSocketAddress host(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
