package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredMessageCodecTest {
    /** The 97-byte example of PROTOCOL.md section 10.1, produced by the RocketMQ 4.9.7 jar. */
    static final String EXAMPLE_HEX = ("00000061 DAA320A7 58932AAC 00000000 00000000 0000000000000000 0000000000000000 00000000"
            + "0000000000000001 7F000001 00001388 0000000000000002 7F000001 00002A9F 00000000 0000000000000000"
            + "00000002 6869 01 54 0003 610162").replace(" ", "");

    static byte[] exampleBytes() {
        return HexFormat.of().parseHex(EXAMPLE_HEX);
    }

    static InetSocketAddress host(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    static BrokerMessage exampleMessage() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("a", "b");
        return new BrokerMessage().topic("T").body("hi".getBytes(StandardCharsets.US_ASCII)).properties(props)
                .bornTimestamp(1).bornHost(host("127.0.0.1", 5000)).storeHost(host("127.0.0.1", 10911));
    }

    @Test
    void decodesTheProtocolExample() throws Exception {
        byte[] bytes = exampleBytes();
        assertEquals(97, bytes.length);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        StoredMessage m = StoredMessageCodec.decode(buf);
        assertEquals(97, buf.position());
        assertEquals(97, m.storeSize());
        assertEquals(0x58932AAC, m.bodyCrc());
        assertEquals(0, m.queueId());
        assertEquals(0, m.flag());
        assertEquals(0, m.queueOffset());
        assertEquals(0, m.physicalOffset());
        assertEquals(0, m.sysFlag());
        assertEquals(1, m.bornTimestamp());
        assertEquals(host("127.0.0.1", 5000), m.bornHost());
        assertEquals(2, m.storeTimestamp());
        assertEquals(host("127.0.0.1", 10911), m.storeHost());
        assertEquals(0, m.reconsumeTimes());
        assertEquals(0, m.preparedTransactionOffset());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), m.body());
        assertEquals("T", m.topic());
        assertEquals(Map.of("a", "b"), m.properties());
        assertEquals("7F00000100002A9F0000000000000000", m.offsetMessageId());
    }

    @Test
    void encodesTheProtocolExampleByteForByte() throws Exception {
        BrokerMessage m = exampleMessage();
        assertEquals(97, StoredMessageCodec.encodedLength(m));
        ByteBuffer buf = StoredMessageCodec.encode(m, 0, 0, 2);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        assertEquals(EXAMPLE_HEX, HexFormat.of().withUpperCase().formatHex(out));
    }

    @Test
    void bodyCrcIsMaskedCrc32() {
        assertEquals(0x58932AAC, StoredMessageCodec.crc32("hi".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer b = ByteBuffer.wrap("xhi".getBytes(StandardCharsets.US_ASCII)).position(1);
        assertEquals(0x58932AAC, StoredMessageCodec.crc32(b));
        assertEquals(1, b.position());
    }

    @Test
    void ipv6HostsSetFlagsAndUseTwentyBytes() throws Exception {
        BrokerMessage m = exampleMessage().bornHost(host("::1", 7000)).storeHost(host("fe80::1:2", 10911));
        int sysFlag = StoredMessageCodec.effectiveSysFlag(m);
        assertEquals(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOST_V6_FLAG, sysFlag);
        assertEquals(97 + 12 + 12, StoredMessageCodec.encodedLength(m));
        ByteBuffer buf = StoredMessageCodec.encode(m, 5, 1000, 3);
        assertEquals(121, buf.getInt(StoredMessageDescriptor.TOTAL_SIZE_OFFSET));
        assertEquals(sysFlag, buf.getInt(StoredMessageDescriptor.SYS_FLAG_OFFSET));
        assertEquals(3, buf.getLong(StoredMessageDescriptor.storeTimestampOffset(sysFlag)));
        assertEquals(7000, buf.getInt(StoredMessageDescriptor.BORN_HOST_OFFSET + 16));
        StoredMessage d = StoredMessageCodec.decode(buf);
        assertEquals(host("::1", 7000), d.bornHost());
        assertEquals(host("fe80::1:2", 10911), d.storeHost());
        assertEquals(56, d.offsetMessageId().length());
        assertEquals(1000, MessageIds.decodeOffsetId(d.offsetMessageId()).physicalOffset());
    }

    @Test
    void mixedHostFamiliesSetOnlyTheirBit() throws Exception {
        BrokerMessage m = exampleMessage().storeHost(host("::1", 10911));
        assertEquals(MessageSysFlag.STOREHOST_V6_FLAG, StoredMessageCodec.effectiveSysFlag(m));
        StoredMessage d = StoredMessageCodec.decode(StoredMessageCodec.encode(m, 0, 0, 0));
        assertEquals(host("127.0.0.1", 5000), d.bornHost());
        assertEquals(host("::1", 10911), d.storeHost());
    }

    @Test
    void staleV6BitIsClearedForIpv4Hosts() throws Exception {
        BrokerMessage m = exampleMessage().sysFlag(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.COMPRESSED_FLAG);
        assertEquals(MessageSysFlag.COMPRESSED_FLAG, StoredMessageCodec.effectiveSysFlag(m));
        assertEquals(97, StoredMessageCodec.encodedLength(m));
    }

    @Test
    void roundTripsEmptyBodyAndNoProperties() throws Exception {
        BrokerMessage m = exampleMessage().body(new byte[0]).properties(Map.of());
        ByteBuffer buf = StoredMessageCodec.encode(m, 0, 0, 0);
        assertEquals(91 + 1, buf.remaining());
        StoredMessage d = StoredMessageCodec.decode(buf);
        assertEquals(0, d.body().length);
        assertEquals(Map.of(), d.properties());
        assertEquals(StoredMessageCodec.crc32(new byte[0]), d.bodyCrc());
    }

    @Test
    void roundTripsLargeBodyAndAllFields() throws Exception {
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(body);
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.TAGS, "TagA");
        props.put(MessageConst.KEYS, "k1 k2");
        props.put("ünïcode", "välue");
        String topic = "t".repeat(StoredMessageDescriptor.MAX_TOPIC_LENGTH);
        BrokerMessage m = new BrokerMessage().topic(topic).queueId(3).flag(77).body(body).properties(props)
                .sysFlag(MessageSysFlag.TRANSACTION_COMMIT_TYPE).bornTimestamp(1_700_000_000_000L)
                .bornHost(host("10.1.2.3", 40000)).storeHost(host("10.9.8.7", 10911)).reconsumeTimes(4)
                .preparedTransactionOffset(123456789L);
        ByteBuffer buf = StoredMessageCodec.encode(m, 99, 1L << 40, 1_700_000_000_500L);
        StoredMessage d = StoredMessageCodec.decode(buf);
        assertEquals(0, buf.remaining());
        assertEquals(topic, d.topic());
        assertEquals(3, d.queueId());
        assertEquals(77, d.flag());
        assertEquals(99, d.queueOffset());
        assertEquals(1L << 40, d.physicalOffset());
        assertEquals(MessageSysFlag.TRANSACTION_COMMIT_TYPE, d.sysFlag());
        assertEquals(1_700_000_000_000L, d.bornTimestamp());
        assertEquals(1_700_000_000_500L, d.storeTimestamp());
        assertEquals(4, d.reconsumeTimes());
        assertEquals(123456789L, d.preparedTransactionOffset());
        assertArrayEquals(body, d.body());
        assertEquals(props, d.properties());
        assertEquals(StoredMessageCodec.crc32(body), d.bodyCrc());
        assertEquals("TagA", d.tags());
        assertEquals("k1 k2", d.keys());
    }

    @Test
    void decodeAllReadsConcatenatedRecords() throws Exception {
        ByteBuffer a = StoredMessageCodec.encode(exampleMessage(), 0, 0, 2);
        ByteBuffer b = StoredMessageCodec.encode(exampleMessage().topic("U"), 1, 97, 2);
        ByteBuffer all = ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
        List<StoredMessage> list = StoredMessageCodec.decodeAll(all);
        assertEquals(2, list.size());
        assertEquals("T", list.get(0).topic());
        assertEquals("U", list.get(1).topic());
        assertEquals(97, list.get(1).physicalOffset());
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = exampleBytes();
        bytes[4] = (byte) 0xCB; // blank filler magic starts 0xCBD43194
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(buf));
        assertEquals(true, e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void rejectsBlankFillerMagic() {
        ByteBuffer buf = ByteBuffer.allocate(8).putInt(8).putInt(StoredMessageDescriptor.BLANK_MAGIC).flip();
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(buf));
    }

    @Test
    void rejectsSizeLargerThanBuffer() {
        byte[] bytes = exampleBytes();
        bytes[3] = 98;
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void rejectsSizeSmallerThanMinimum() {
        byte[] bytes = exampleBytes();
        bytes[3] = 20;
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void rejectsSizeThatDisagreesWithFields() {
        byte[] bytes = new byte[98];
        System.arraycopy(exampleBytes(), 0, bytes, 0, 97);
        bytes[3] = 98;
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void rejectsTruncatedRecord() {
        byte[] bytes = new byte[50];
        System.arraycopy(exampleBytes(), 0, bytes, 0, 50);
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> StoredMessageCodec.decode(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void rejectsOverlongTopicAndProperties() throws Exception {
        BrokerMessage longTopic = exampleMessage().topic("t".repeat(128));
        assertThrows(StoredMessageCodec.IllegalMessageException.class,
                () -> StoredMessageCodec.encode(longTopic, 0, 0, 0));
        BrokerMessage longProps = exampleMessage().properties(Map.of("k", "v".repeat(Short.MAX_VALUE)));
        assertThrows(StoredMessageCodec.IllegalMessageException.class,
                () -> StoredMessageCodec.encode(longProps, 0, 0, 0));
        BrokerMessage noHost = exampleMessage().storeHost(null);
        assertThrows(StoredMessageCodec.IllegalMessageException.class,
                () -> StoredMessageCodec.encode(noHost, 0, 0, 0));
    }

    @Test
    void encodeIntoBufferAdvancesFromItsPosition() throws Exception {
        ByteBuffer target = ByteBuffer.allocate(200).position(10);
        int n = StoredMessageCodec.encode(exampleMessage(), 0, 0, 2, target);
        assertEquals(97, n);
        assertEquals(107, target.position());
        byte[] out = new byte[97];
        target.get(10, out);
        assertArrayEquals(exampleBytes(), out);
    }
}
