package io.carrack.common.message;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of SEND_BATCH_MESSAGE as the RocketMQ 4.9.7 client writes it
 * ({@code MessageDecoder.encodeMessages}, PROTOCOL.md section 6.2): entries back to back, each
 * <pre>
 *  0 TOTALSIZE(4) 4 MAGICCODE(4, 0) 8 BODYCRC(4, 0) 12 FLAG(4) 16 BODYLENGTH(4) 20 BODY
 *  PROPERTIESLENGTH(2) PROPERTIES
 * </pre>
 * The topic, queue, sysFlag and hosts come from the request header, not from the entries.
 *
 * <p>Thread safety: stateless.
 */
public final class BatchMessageCodec {
    /** Bytes of an entry before its body: TOTALSIZE, MAGICCODE, BODYCRC, FLAG, BODYLENGTH. */
    public static final int ENTRY_HEADER_LENGTH = 20;
    /** Offset of FLAG in an entry. */
    public static final int FLAG_OFFSET = 12;
    /** Offset of BODYLENGTH in an entry. */
    public static final int BODY_LENGTH_OFFSET = 16;

    private BatchMessageCodec() {
    }

    /**
     * One decoded entry.
     *
     * @param flag       the user flag
     * @param body       the body
     * @param properties the properties text (PROTOCOL.md section 10.5)
     */
    public record Entry(int flag, byte[] body, String properties) {
        /** The decoded properties. */
        public Map<String, String> propertyMap() {
            return MessageProperties.decode(properties);
        }

        /** This entry as a message on {@code topic}. */
        public Message toMessage(String topic) {
            Message m = new Message(topic, body);
            m.setFlag(flag);
            m.setProperties(propertyMap());
            return m;
        }
    }

    /** The length of one message's entry. */
    public static int encodedLength(Message message) {
        return ENTRY_HEADER_LENGTH + message.getBody().length + 2 + propertiesBytes(message).length;
    }

    /**
     * Writes one message's entry at the buffer's position and advances it.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if the properties exceed 32767 bytes
     */
    public static int encode(Message message, ByteBuffer target) {
        byte[] props = propertiesBytes(message);
        byte[] body = message.getBody();
        int length = ENTRY_HEADER_LENGTH + body.length + 2 + props.length;
        target.putInt(length);
        target.putInt(0);
        target.putInt(0);
        target.putInt(message.getFlag());
        target.putInt(body.length);
        target.put(body);
        target.putShort((short) props.length);
        target.put(props);
        return length;
    }

    /** Encodes the messages back to back. */
    public static byte[] encode(List<Message> messages) {
        int total = 0;
        for (Message m : messages) {
            total = Math.addExact(total, encodedLength(m));
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (Message m : messages) {
            encode(m, buf);
        }
        return buf.array();
    }

    /**
     * Decodes every entry from the buffer's position to its limit, advancing the position.
     *
     * @throws IllegalArgumentException if an entry is truncated or its TOTALSIZE disagrees with its lengths
     */
    public static List<Entry> decode(ByteBuffer buf) {
        List<Entry> entries = new ArrayList<>();
        while (buf.hasRemaining()) {
            entries.add(decodeEntry(buf));
        }
        return entries;
    }

    /** Decodes every entry as a message on {@code topic}. */
    public static List<Message> decodeMessages(ByteBuffer buf, String topic) {
        List<Entry> entries = decode(buf);
        List<Message> messages = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            messages.add(e.toMessage(topic));
        }
        return messages;
    }

    /** Decodes one entry at the buffer's position and advances past it. */
    public static Entry decodeEntry(ByteBuffer buf) {
        int start = buf.position();
        try {
            int totalSize = buf.getInt();
            buf.getInt(); // magic code: written as 0 and ignored
            buf.getInt(); // body CRC: written as 0; the broker computes it
            int flag = buf.getInt();
            int bodyLength = buf.getInt();
            if (bodyLength < 0 || bodyLength > buf.remaining()) {
                throw new IllegalArgumentException("bad body length " + bodyLength + " in batch entry at " + start);
            }
            byte[] body = new byte[bodyLength];
            buf.get(body);
            int propsLength = buf.getShort();
            if (propsLength < 0 || propsLength > buf.remaining()) {
                throw new IllegalArgumentException("bad properties length " + propsLength + " in batch entry at "
                        + start);
            }
            byte[] props = new byte[propsLength];
            buf.get(props);
            if (buf.position() - start != totalSize) {
                throw new IllegalArgumentException("batch entry at " + start + " says " + totalSize
                        + " bytes but holds " + (buf.position() - start));
            }
            return new Entry(flag, body, new String(props, StandardCharsets.UTF_8));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated batch entry at " + start, e);
        }
    }

    private static byte[] propertiesBytes(Message message) {
        byte[] props = message.encodedProperties().getBytes(StandardCharsets.UTF_8);
        if (props.length > StoredMessageDescriptor.MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("properties of a batch message are " + props.length
                    + " bytes; at most " + StoredMessageDescriptor.MAX_PROPERTIES_LENGTH + " fit");
        }
        return props;
    }
}
