package io.carrack.common.message;

import static io.carrack.common.message.StoredMessageDescriptor.*;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes and decodes the RocketMQ 4.x stored-message layout ({@link StoredMessageDescriptor}).
 *
 * <p>Thread safety: stateless; all methods may be called from any thread.
 */
public final class StoredMessageCodec {
    private StoredMessageCodec() {
    }

    /** A message that cannot be encoded: topic or properties too long, or no hosts. */
    public static final class IllegalMessageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public IllegalMessageException(String message) {
            super(message);
        }
    }

    /** The sysFlag with the IPv6 bits set to match the message's hosts. */
    public static int effectiveSysFlag(BrokerMessage m) {
        int flag = m.sysFlag() & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOST_V6_FLAG);
        if (isV6(m.bornHost())) {
            flag |= MessageSysFlag.BORNHOST_V6_FLAG;
        }
        if (isV6(m.storeHost())) {
            flag |= MessageSysFlag.STOREHOST_V6_FLAG;
        }
        return flag;
    }

    /** The number of bytes {@link #encode} writes for this message. */
    public static int encodedLength(BrokerMessage m) {
        return recordLength(effectiveSysFlag(m), m.body().length, m.topicBytes().length, m.propertiesBytes().length);
    }

    /**
     * Writes the message at the buffer's position and advances it.
     *
     * @return the number of bytes written
     * @throws IllegalMessageException if the topic or properties exceed the layout's limits
     */
    public static int encode(BrokerMessage m, long queueOffset, long physicalOffset, long storeTimestamp,
                             ByteBuffer target) {
        byte[] topic = m.topicBytes();
        byte[] props = m.propertiesBytes();
        if (topic.length == 0 || topic.length > MAX_TOPIC_LENGTH) {
            throw new IllegalMessageException("topic length " + topic.length + " not in 1.." + MAX_TOPIC_LENGTH);
        }
        if (props.length > MAX_PROPERTIES_LENGTH) {
            throw new IllegalMessageException("properties length " + props.length + " exceeds " + MAX_PROPERTIES_LENGTH);
        }
        int sysFlag = effectiveSysFlag(m);
        byte[] body = m.body();
        int length = recordLength(sysFlag, body.length, topic.length, props.length);
        target.putInt(length);
        target.putInt(MESSAGE_MAGIC);
        target.putInt(crc32(body));
        target.putInt(m.queueId());
        target.putInt(m.flag());
        target.putLong(queueOffset);
        target.putLong(physicalOffset);
        target.putInt(sysFlag);
        target.putLong(m.bornTimestamp());
        putHost(target, m.bornHost());
        target.putLong(storeTimestamp);
        putHost(target, m.storeHost());
        target.putInt(m.reconsumeTimes());
        target.putLong(m.preparedTransactionOffset());
        target.putInt(body.length);
        target.put(body);
        target.put((byte) topic.length);
        target.put(topic);
        target.putShort((short) props.length);
        target.put(props);
        return length;
    }

    /** Encodes into a new heap buffer, flipped for reading. */
    public static ByteBuffer encode(BrokerMessage m, long queueOffset, long physicalOffset, long storeTimestamp) {
        ByteBuffer buf = ByteBuffer.allocate(encodedLength(m));
        encode(m, queueOffset, physicalOffset, storeTimestamp, buf);
        return buf.flip();
    }

    /**
     * Decodes one record at the buffer's position and advances past it.
     *
     * @throws IllegalArgumentException if the magic code or lengths are wrong
     */
    public static StoredMessage decode(ByteBuffer buf) {
        int start = buf.position();
        if (buf.remaining() < 8) {
            throw new IllegalArgumentException("truncated record: " + buf.remaining() + " bytes at " + start);
        }
        try {
            return decodeChecked(buf, start);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated record at " + start, e);
        }
    }

    private static StoredMessage decodeChecked(ByteBuffer buf, int start) {
        int storeSize = buf.getInt();
        int magic = buf.getInt();
        if (magic != MESSAGE_MAGIC) {
            throw new IllegalArgumentException("bad magic code 0x" + Integer.toHexString(magic) + " at " + start);
        }
        if (storeSize < recordLength(0, 0, 0, 0) || storeSize > buf.limit() - start) {
            throw new IllegalArgumentException("bad record size " + storeSize + " at " + start);
        }
        int bodyCrc = buf.getInt();
        int queueId = buf.getInt();
        int flag = buf.getInt();
        long queueOffset = buf.getLong();
        long physicalOffset = buf.getLong();
        int sysFlag = buf.getInt();
        long bornTimestamp = buf.getLong();
        InetSocketAddress bornHost = getHost(buf, (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) != 0);
        long storeTimestamp = buf.getLong();
        InetSocketAddress storeHost = getHost(buf, (sysFlag & MessageSysFlag.STOREHOST_V6_FLAG) != 0);
        int reconsumeTimes = buf.getInt();
        long preparedTransactionOffset = buf.getLong();
        int bodyLength = buf.getInt();
        if (bodyLength < 0 || bodyLength > buf.remaining()) {
            throw new IllegalArgumentException("bad body length " + bodyLength + " at " + start);
        }
        byte[] body = new byte[bodyLength];
        buf.get(body);
        int topicLength = buf.get() & 0xFF;
        byte[] topic = new byte[topicLength];
        buf.get(topic);
        int propsLength = buf.getShort() & 0xFFFF;
        byte[] props = new byte[propsLength];
        buf.get(props);
        if (buf.position() - start != storeSize) {
            throw new IllegalArgumentException("record at " + start + " says " + storeSize + " bytes but holds "
                    + (buf.position() - start));
        }
        return new StoredMessage(storeSize, bodyCrc, queueId, flag, queueOffset, physicalOffset, sysFlag,
                bornTimestamp, bornHost, storeTimestamp, storeHost, reconsumeTimes, preparedTransactionOffset, body,
                new String(topic, StandardCharsets.UTF_8),
                MessageProperties.decode(new String(props, StandardCharsets.UTF_8)));
    }

    /** Decodes concatenated records until the buffer is exhausted. */
    public static List<StoredMessage> decodeAll(ByteBuffer buf) {
        List<StoredMessage> list = new ArrayList<>();
        while (buf.remaining() > 0) {
            list.add(decode(buf));
        }
        return list;
    }

    /** CRC32 masked with 0x7FFFFFFF, as RocketMQ computes body CRCs. */
    public static int crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** CRC32 of a buffer's remaining bytes, masked with 0x7FFFFFFF; the position does not move. */
    public static int crc32(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    // ---- Reading single fields straight out of an encoded record, without decoding it all. ----
    // Each reader takes the record at the buffer's position, reads with absolute gets and leaves the
    // position and limit unchanged. The record is assumed well formed (as written by encode).

    /** TOTALSIZE of the record at the buffer's position. */
    public static int readTotalSize(ByteBuffer record) {
        return record.getInt(record.position() + TOTAL_SIZE_OFFSET);
    }

    /** MAGICCODE of the record at the buffer's position. */
    public static int readMagic(ByteBuffer record) {
        return record.getInt(record.position() + MAGIC_OFFSET);
    }

    /** QUEUEID of the record at the buffer's position. */
    public static int readQueueId(ByteBuffer record) {
        return record.getInt(record.position() + QUEUE_ID_OFFSET);
    }

    /** QUEUEOFFSET of the record at the buffer's position. */
    public static long readQueueOffset(ByteBuffer record) {
        return record.getLong(record.position() + QUEUE_OFFSET_OFFSET);
    }

    /** PHYSICALOFFSET of the record at the buffer's position. */
    public static long readPhysicalOffset(ByteBuffer record) {
        return record.getLong(record.position() + PHYSICAL_OFFSET_OFFSET);
    }

    /** SYSFLAG of the record at the buffer's position. */
    public static int readSysFlag(ByteBuffer record) {
        return record.getInt(record.position() + SYS_FLAG_OFFSET);
    }

    /** BORNTIMESTAMP of the record at the buffer's position. */
    public static long readBornTimestamp(ByteBuffer record) {
        return record.getLong(record.position() + BORN_TIMESTAMP_OFFSET);
    }

    /** STORETIMESTAMP of the record at the buffer's position. */
    public static long readStoreTimestamp(ByteBuffer record) {
        return record.getLong(record.position() + storeTimestampOffset(readSysFlag(record)));
    }

    /** STOREHOST of the record at the buffer's position. */
    public static InetSocketAddress readStoreHost(ByteBuffer record) {
        int sysFlag = readSysFlag(record);
        return getHost(record.duplicate().position(record.position() + storeHostOffset(sysFlag)),
                (sysFlag & MessageSysFlag.STOREHOST_V6_FLAG) != 0);
    }

    /** RECONSUMETIMES of the record at the buffer's position. */
    public static int readReconsumeTimes(ByteBuffer record) {
        return record.getInt(record.position() + reconsumeTimesOffset(readSysFlag(record)));
    }

    /** PREPARED TRANSACTION OFFSET of the record at the buffer's position. */
    public static long readPreparedTransactionOffset(ByteBuffer record) {
        return record.getLong(record.position() + preparedTransactionOffsetOffset(readSysFlag(record)));
    }

    /** A read-only view of the body of the record at the buffer's position (no copy). */
    public static ByteBuffer readBody(ByteBuffer record) {
        int base = record.position();
        int sysFlag = readSysFlag(record);
        int bodyLength = record.getInt(base + bodyLengthOffset(sysFlag));
        return record.slice(base + bodyOffset(sysFlag), bodyLength).asReadOnlyBuffer();
    }

    /** The topic of the record at the buffer's position. */
    public static String readTopic(ByteBuffer record) {
        int base = record.position();
        int sysFlag = readSysFlag(record);
        int topicLengthAt = base + topicLengthOffset(sysFlag, record.getInt(base + bodyLengthOffset(sysFlag)));
        int topicLength = record.get(topicLengthAt) & 0xFF;
        return utf8(record, topicLengthAt + 1, topicLength);
    }

    /** The properties text of the record at the buffer's position. */
    public static String readPropertiesText(ByteBuffer record) {
        int at = propertiesLengthAt(record);
        return utf8(record, at + 2, record.getShort(at) & 0xFFFF);
    }

    /** The decoded properties of the record at the buffer's position. */
    public static Map<String, String> readProperties(ByteBuffer record) {
        return MessageProperties.decode(readPropertiesText(record));
    }

    /** One property of the record at the buffer's position, or null; the others are not decoded. */
    public static String readProperty(ByteBuffer record, String name) {
        return MessageProperties.find(readPropertiesText(record), name);
    }

    /** The TAGS property of the record at the buffer's position, or null. */
    public static String readTags(ByteBuffer record) {
        return readProperty(record, MessageConst.TAGS);
    }

    private static int propertiesLengthAt(ByteBuffer record) {
        int base = record.position();
        int sysFlag = readSysFlag(record);
        int bodyLength = record.getInt(base + bodyLengthOffset(sysFlag));
        int topicLength = record.get(base + topicLengthOffset(sysFlag, bodyLength)) & 0xFF;
        return base + propertiesLengthOffset(sysFlag, bodyLength, topicLength);
    }

    private static String utf8(ByteBuffer buf, int index, int length) {
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + index, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buf.get(index, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean isV6(InetSocketAddress host) {
        return host != null && host.getAddress() instanceof Inet6Address;
    }

    private static void putHost(ByteBuffer target, InetSocketAddress host) {
        InetAddress address = host == null ? null : host.getAddress();
        if (address == null) {
            throw new IllegalMessageException("message has no resolved born or store host");
        }
        if (address instanceof Inet4Address && V4_HASH_IS_ADDRESS) {
            target.putInt(address.hashCode());
        } else {
            target.put(address.getAddress());
        }
        target.putInt(host.getPort());
    }

    /**
     * Whether {@code Inet4Address.hashCode()} is the address in network byte order (as in OpenJDK), so that
     * IPv4 hosts are written without the array copy {@code getAddress()} makes; checked once, not assumed.
     */
    private static final boolean V4_HASH_IS_ADDRESS = v4HashIsAddress();

    private static boolean v4HashIsAddress() {
        try {
            for (byte[] a : new byte[][] {{10, 0, 0, 1}, {(byte) 192, (byte) 168, 1, (byte) 254}, {127, 0, 0, 1}}) {
                if (InetAddress.getByAddress(a).hashCode() != ByteBuffer.wrap(a).getInt()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InetSocketAddress getHost(ByteBuffer buf, boolean v6) {
        byte[] addr = new byte[v6 ? 16 : 4];
        buf.get(addr);
        int port = buf.getInt();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad host address", e);
        }
    }
}
