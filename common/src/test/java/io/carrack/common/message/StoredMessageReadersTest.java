package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredMessageReadersTest {
    static BrokerMessage message(String bornIp, String storeIp) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.KEYS, "k1 k2");
        props.put(MessageConst.TAGS, "TagA");
        props.put("ünï", "välue");
        return new BrokerMessage().topic("Tópic").queueId(6).flag(3).body("body!".getBytes(StandardCharsets.UTF_8))
                .properties(props).bornTimestamp(111).reconsumeTimes(2).preparedTransactionOffset(77)
                .bornHost(new InetSocketAddress(InetAddress.getByName(bornIp), 1))
                .storeHost(new InetSocketAddress(InetAddress.getByName(storeIp), 10911));
    }

    /** The record placed at position 13 of a larger buffer, to prove the readers are relative. */
    static ByteBuffer placed(BrokerMessage m, boolean direct) {
        ByteBuffer rec = StoredMessageCodec.encode(m, 42, 4096, 222);
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(rec.remaining() + 30) : ByteBuffer.allocate(rec.remaining() + 30);
        buf.position(13);
        buf.put(rec);
        buf.position(13);
        return buf;
    }

    void assertAllFields(ByteBuffer buf, BrokerMessage m) {
        StoredMessage full = StoredMessageCodec.decode(buf.duplicate());
        assertEquals(full.storeSize(), StoredMessageCodec.readTotalSize(buf));
        assertEquals(StoredMessageDescriptor.MESSAGE_MAGIC, StoredMessageCodec.readMagic(buf));
        assertEquals(6, StoredMessageCodec.readQueueId(buf));
        assertEquals(42, StoredMessageCodec.readQueueOffset(buf));
        assertEquals(4096, StoredMessageCodec.readPhysicalOffset(buf));
        assertEquals(full.sysFlag(), StoredMessageCodec.readSysFlag(buf));
        assertEquals(111, StoredMessageCodec.readBornTimestamp(buf));
        assertEquals(222, StoredMessageCodec.readStoreTimestamp(buf));
        assertEquals(m.storeHost(), StoredMessageCodec.readStoreHost(buf));
        assertEquals(2, StoredMessageCodec.readReconsumeTimes(buf));
        assertEquals(77, StoredMessageCodec.readPreparedTransactionOffset(buf));
        assertEquals(ByteBuffer.wrap("body!".getBytes(StandardCharsets.UTF_8)), StoredMessageCodec.readBody(buf));
        assertEquals("Tópic", StoredMessageCodec.readTopic(buf));
        assertEquals(m.propertiesString(), StoredMessageCodec.readPropertiesText(buf));
        assertEquals(full.properties(), StoredMessageCodec.readProperties(buf));
        assertEquals("TagA", StoredMessageCodec.readTags(buf));
        assertEquals("välue", StoredMessageCodec.readProperty(buf, "ünï"));
        assertNull(StoredMessageCodec.readProperty(buf, "UNIQ_KEY"));
        assertEquals(13, buf.position(), "readers leave the position alone");
    }

    @Test
    void readsFieldsOfAnIpv4RecordInAHeapBuffer() throws Exception {
        BrokerMessage m = message("10.0.0.1", "10.0.0.2");
        assertAllFields(placed(m, false), m);
    }

    @Test
    void readsFieldsOfAnIpv6RecordInADirectBuffer() throws Exception {
        BrokerMessage m = message("::1", "fe80::2");
        ByteBuffer buf = placed(m, true);
        assertEquals(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOST_V6_FLAG,
                StoredMessageCodec.readSysFlag(buf));
        assertAllFields(buf, m);
    }

    @Test
    void readsTheProtocolExample() {
        ByteBuffer buf = ByteBuffer.wrap(StoredMessageCodecTest.exampleBytes());
        assertEquals("T", StoredMessageCodec.readTopic(buf));
        assertEquals(Map.of("a", "b"), StoredMessageCodec.readProperties(buf));
        assertNull(StoredMessageCodec.readTags(buf));
        assertEquals(2, StoredMessageCodec.readStoreTimestamp(buf));
    }
}
