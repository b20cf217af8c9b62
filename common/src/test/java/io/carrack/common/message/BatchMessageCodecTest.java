package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchMessageCodecTest {
    /**
     * Two entries built by hand after RocketMQ 4.9.7's MessageDecoder.encodeMessage: flag 1, body "hi",
     * properties "a\u0001b"; then flag 0, empty body, properties "TAGS\u0001x\u0002WAIT\u0001true".
     */
    static final String TWO_ENTRIES_HEX = (
            "0000001B 00000000 00000000 00000001 00000002 6869 0003 610162"
            + "00000026 00000000 00000000 00000000 00000000 0010 54414753 01 78 02 57414954 01 74727565")
            .replace(" ", "");

    @Test
    void decodesHandBuiltEntries() {
        byte[] bytes = HexFormat.of().parseHex(TWO_ENTRIES_HEX);
        assertEquals(27 + 38, bytes.length);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<BatchMessageCodec.Entry> entries = BatchMessageCodec.decode(buf);
        assertEquals(0, buf.remaining());
        assertEquals(2, entries.size());
        assertEquals(1, entries.get(0).flag());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), entries.get(0).body());
        assertEquals("a\u0001b", entries.get(0).properties());
        assertEquals(0, entries.get(1).flag());
        assertEquals(0, entries.get(1).body().length);
        assertEquals(Map.of("TAGS", "x", "WAIT", "true"), entries.get(1).propertyMap());
    }

    @Test
    void encodesTheSameBytes() {
        Message first = new Message("T", "hi".getBytes(StandardCharsets.US_ASCII));
        first.setFlag(1);
        first.setProperties(Map.of("a", "b"));
        Message second = Message.builder("T").tags("x").build();
        second.setProperties(new java.util.LinkedHashMap<>(Map.of("TAGS", "x")));
        second.setWaitStoreMsgOK(true);
        assertEquals(27, BatchMessageCodec.encodedLength(first));
        byte[] out = BatchMessageCodec.encode(List.of(first, second));
        assertEquals(TWO_ENTRIES_HEX, HexFormat.of().withUpperCase().formatHex(out));
    }

    @Test
    void roundTripsMessages() {
        Message a = Message.builder("B").tags("t1").keys("k1").body(new byte[5000]).flag(9).build();
        a.ensureUniqueKey();
        Message b = Message.builder("B").userProperty("ünï", "välue").build();
        List<Message> decoded = BatchMessageCodec.decodeMessages(ByteBuffer.wrap(BatchMessageCodec.encode(List.of(a, b))),
                "B");
        assertEquals(List.of(a, b), decoded);
    }

    @Test
    void emptyBatchIsEmpty() {
        assertEquals(0, BatchMessageCodec.encode(List.of()).length);
        assertEquals(List.of(), BatchMessageCodec.decode(ByteBuffer.allocate(0)));
    }

    @Test
    void rejectsWrongTotalSize() {
        byte[] bytes = HexFormat.of().parseHex(TWO_ENTRIES_HEX);
        bytes[3] = 0x1C;
        assertThrows(IllegalArgumentException.class, () -> BatchMessageCodec.decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void rejectsTruncatedAndNegativeLengths() {
        byte[] bytes = HexFormat.of().parseHex(TWO_ENTRIES_HEX);
        assertThrows(IllegalArgumentException.class,
                () -> BatchMessageCodec.decode(ByteBuffer.wrap(bytes, 0, 30)));
        assertThrows(IllegalArgumentException.class,
                () -> BatchMessageCodec.decode(ByteBuffer.wrap(bytes, 0, 10)));
        byte[] negativeBody = bytes.clone();
        negativeBody[16] = (byte) 0xFF;
        assertThrows(IllegalArgumentException.class, () -> BatchMessageCodec.decode(ByteBuffer.wrap(negativeBody)));
        byte[] negativeProps = bytes.clone();
        negativeProps[22] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> BatchMessageCodec.decode(ByteBuffer.wrap(negativeProps)));
    }

    @Test
    void rejectsOversizedProperties() {
        Message m = new Message("B", null);
        m.putUserProperty("big", "v".repeat(Short.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> BatchMessageCodec.encode(List.of(m)));
    }
}
