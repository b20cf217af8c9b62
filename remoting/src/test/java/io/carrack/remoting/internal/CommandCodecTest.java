package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class CommandCodecTest {

    /** GET_ROUTEINFO_BY_TOPIC, opaque 1, extFields {topic=T}, ROCKETMQ header: PROTOCOL.md section 2.4. */
    private static final String CAPTURED_ROCKETMQ_HEX = "00000025" + "01000021" + "0069" + "00" + "0197"
            + "00000001" + "00000000" + "00000000" + "0000000C" + "0005746F706963" + "0000000154";

    /** SEND_MESSAGE_V2 header from the 4.9.7 client: PROTOCOL.md section 2.3 (JSON escapes kept as text). */
    private static final String SEND_V2_HEADER = "{\"code\":310,\"extFields\":{\"a\":\"PG\",\"b\":\"TopicTest\","
            + "\"c\":\"TBW102\",\"d\":\"4\",\"e\":\"1\",\"f\":\"0\",\"g\":\"1700000000000\",\"h\":\"0\","
            + "\"i\":\"KEYS\\u0001k1 k2\\u0002UNIQ_KEY\\u00017F00000100002A9F0000000000000000\\u0002WAIT\\u0001true"
            + "\\u0002TAGS\\u0001TagA\",\"j\":\"0\",\"k\":\"false\",\"m\":\"false\",\"n\":\"broker-a\"},\"flag\":0,"
            + "\"language\":\"JAVA\",\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":407}";

    /** PULL_MESSAGE header from the 4.9.7 client: PROTOCOL.md section 2.3. */
    private static final String PULL_HEADER = "{\"code\":11,\"extFields\":{\"queueId\":\"0\",\"maxMsgNums\":\"32\","
            + "\"sysFlag\":\"2\",\"suspendTimeoutMillis\":\"15000\",\"commitOffset\":\"0\",\"bname\":\"broker-a\","
            + "\"topic\":\"TopicTest\",\"queueOffset\":\"0\",\"expressionType\":\"TAG\",\"subVersion\":\"1700000000000\","
            + "\"consumerGroup\":\"CG\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":4,"
            + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":407}";

    @Test
    void decodesCapturedRocketMqBytes() {
        RemotingCommand cmd = decodeFrame(ByteBufUtil.decodeHexDump(CAPTURED_ROCKETMQ_HEX));
        assertEquals(RequestCode.GET_ROUTEINFO_BY_TOPIC, cmd.code());
        assertEquals(LanguageCode.JAVA, cmd.language());
        assertEquals(407, cmd.version());
        assertEquals(1, cmd.opaque());
        assertEquals(0, cmd.flag());
        assertNull(cmd.remark());
        assertEquals(Map.of("topic", "T"), cmd.extFields());
        assertNull(cmd.body());
        assertEquals(SerializeType.ROCKETMQ, cmd.serializeType());
    }

    @Test
    void encodesTheCapturedRocketMqBytesExactly() {
        RemotingCommand cmd = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).opaque(1)
                .serializeType(SerializeType.ROCKETMQ).field("topic", "T");
        assertEquals(CAPTURED_ROCKETMQ_HEX.toLowerCase(), ByteBufUtil.hexDump(encodeFrame(cmd)));
    }

    @Test
    void decodesCapturedSendMessageV2Header() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        RemotingCommand cmd = decodeFrame(jsonFrame(SEND_V2_HEADER, body));
        assertEquals(RequestCode.SEND_MESSAGE_V2, cmd.code());
        assertEquals(LanguageCode.JAVA, cmd.language());
        assertEquals(407, cmd.version());
        assertEquals(0, cmd.opaque());
        assertEquals(0, cmd.flag());
        assertEquals(SerializeType.JSON, cmd.serializeType());
        assertEquals(13, cmd.extFields().size());
        assertEquals("PG", cmd.field("a"));
        assertEquals("TopicTest", cmd.field("b"));
        assertEquals(1_700_000_000_000L, cmd.longField("g"));
        assertEquals("KEYS\u0001k1 k2\u0002UNIQ_KEY\u00017F00000100002A9F0000000000000000\u0002WAIT\u0001true"
                + "\u0002TAGS\u0001TagA", cmd.field("i"));
        assertEquals("broker-a", cmd.field("n"));
        assertArrayEquals(body, cmd.body());
    }

    @Test
    void decodesCapturedPullHeader() {
        RemotingCommand cmd = decodeFrame(jsonFrame(PULL_HEADER, null));
        assertEquals(RequestCode.PULL_MESSAGE, cmd.code());
        assertEquals(4, cmd.opaque());
        assertEquals(11, cmd.extFields().size());
        assertEquals(32, cmd.intField("maxMsgNums"));
        assertEquals(15000L, cmd.longField("suspendTimeoutMillis"));
        assertEquals("TAG", cmd.field("expressionType"));
        assertEquals("CG", cmd.field("consumerGroup"));
        assertNull(cmd.body());
    }

    @Test
    void decodesSmallestHeaderWithDefaults() {
        RemotingCommand cmd = decodeFrame(jsonFrame("{\"code\":0,\"flag\":1,\"opaque\":7}", null));
        assertEquals(0, cmd.code());
        assertTrue(cmd.isResponse());
        assertEquals(7, cmd.opaque());
        assertEquals(LanguageCode.JAVA, cmd.language());
        assertEquals(0, cmd.version());
        assertNull(cmd.remark());
        assertFalse(cmd.hasExtFields());
    }

    @Test
    void acceptsLanguageOrdinalNumericFieldsAnyOrderAndUnknownKeys() {
        String header = "{\"version\":401,\"extFields\":{\"queueId\":3,\"offset\":12345678901,\"ok\":true,\"n\":null},"
                + "\"unknown\":{\"x\":[1,2]},\"opaque\":-5,\"language\":9,\"remark\":\"r\",\"flag\":2,\"code\":34}";
        RemotingCommand cmd = decodeFrame(jsonFrame(header, null));
        assertEquals(34, cmd.code());
        assertEquals(LanguageCode.GO, cmd.language());
        assertEquals(401, cmd.version());
        assertEquals(-5, cmd.opaque());
        assertTrue(cmd.isOneway());
        assertEquals("r", cmd.remark());
        assertEquals("3", cmd.field("queueId"));
        assertEquals("12345678901", cmd.field("offset"));
        assertEquals("true", cmd.field("ok"));
        assertFalse(cmd.extFields().containsKey("n"));
    }

    @Test
    void writesTheResponseHeaderAsTheReferenceDoes() {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).opaque(5);
        RemotingCommand response = RemotingCommand.responseTo(request, 0, null).field("queueId", "1");
        assertEquals("{\"code\":0,\"extFields\":{\"queueId\":\"1\"},\"flag\":1,\"language\":\"JAVA\",\"opaque\":5,"
                + "\"serializeTypeCurrentRPC\":\"JSON\",\"version\":407}", JsonHeaderCodec.toText(response));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        RemotingCommand cmd = RemotingCommand.response(1, "a\"b\\c\nd\u0001e\u007f\u00e9\u4e2d")
                .field("p", "K\u0001V\u0002");
        String text = JsonHeaderCodec.toText(cmd);
        assertTrue(text.contains("\"remark\":\"a\\\"b\\\\c\\u000ad\\u0001e\u007f\u00e9\u4e2d\""), text);
        assertTrue(text.contains("\"p\":\"K\\u0001V\\u0002\""), text);
        RemotingCommand back = roundTrip(cmd);
        assertEquals(cmd.remark(), back.remark());
        assertEquals("K\u0001V\u0002", back.field("p"));
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void roundTripsEveryField(SerializeType type) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", "TopicTest");
        fields.put("properties", "KEYS\u0001k\u0002TAGS\u0001\u4e2d\u6587");
        fields.put("queueOffset", "9223372036854775807");
        RemotingCommand cmd = RemotingCommand.request(RequestCode.PULL_MESSAGE).opaque(-123).flag(2)
                .language(LanguageCode.CPP).version(399).remark("remark \u00e9").extFields(fields)
                .body(new byte[] {0, 1, 2, (byte) 0xFF}).serializeType(type);
        RemotingCommand back = roundTrip(cmd);
        assertEquals(cmd.code(), back.code());
        assertEquals(cmd.opaque(), back.opaque());
        assertEquals(cmd.flag(), back.flag());
        assertEquals(cmd.language(), back.language());
        assertEquals(cmd.version(), back.version());
        assertEquals(cmd.remark(), back.remark());
        assertEquals(new HashMap<>(fields), back.extFields());
        assertArrayEquals(cmd.body(), back.body());
        assertEquals(type, back.serializeType());
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void roundTripsAnEmptyCommand(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.response(0, null).opaque(Integer.MAX_VALUE).serializeType(type);
        RemotingCommand back = roundTrip(cmd);
        assertEquals(0, back.code());
        assertEquals(Integer.MAX_VALUE, back.opaque());
        assertTrue(back.isResponse());
        assertNull(back.remark());
        assertFalse(back.hasExtFields());
        assertNull(back.body());
    }

    @Test
    void lengthFieldsCountHeaderAndBody() {
        byte[] body = new byte[5];
        RemotingCommand cmd = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).body(body);
        byte[] frame = encodeFrame(cmd);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        int length = buf.readInt();
        int headerLenAndType = buf.readInt();
        int headerLength = headerLenAndType & 0xFFFFFF;
        assertEquals(frame.length - 4, length);
        assertEquals(4 + headerLength + body.length, length);
        assertEquals(0, headerLenAndType >>> 24);
        String header = buf.toString(8, headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"code\":310,") && header.endsWith(",\"version\":407}"), header);
    }

    @Test
    void rejectsUnknownSerializeType() {
        byte[] frame = jsonFrame("{\"code\":0}", null);
        frame[4] = 7;
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> decodeFrame(frame));
        assertTrue(e.getMessage().contains("serialize type"), e.getMessage());
    }

    @Test
    void rejectsHeaderLongerThanFrame() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(8).writeInt(100).writeInt(0);
        assertThrows(FrameFormatException.class, () -> decodeFrame(ByteBufUtil.getBytes(buf)));
    }

    @Test
    void rejectsFrameWithoutHeaderLength() {
        assertThrows(FrameFormatException.class, () -> decodeFrame(new byte[] {0, 0, 0, 2, 1, 1}));
    }

    @Test
    void rejectsMalformedJsonHeaders() {
        for (String header : new String[] {"hello world", "{\"code\":1", "[1,2]", "{\"code\":\"x\"}", "{\"flag\":1}",
            "{\"code\":1,\"extFields\":[1]}", "", "{\"code\":1,,}"}) {
            assertThrows(FrameFormatException.class, () -> decodeFrame(jsonFrame(header, null)), header);
        }
    }

    @Test
    void rejectsRocketMqHeaderWithLengthsPastItsEnd() {
        byte[] frame = ByteBufUtil.decodeHexDump(CAPTURED_ROCKETMQ_HEX);
        frame[frame.length - 5] = 0x7F; // value length of "T" now far beyond the header
        assertThrows(FrameFormatException.class, () -> decodeFrame(frame));
        byte[] truncated = ByteBufUtil.decodeHexDump("00000008" + "01000004" + "00690001");
        assertThrows(FrameFormatException.class, () -> decodeFrame(truncated));
    }

    static byte[] jsonFrame(String header, byte[] body) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int bodyLength = body == null ? 0 : body.length;
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(4 + h.length + bodyLength).writeInt(h.length).writeBytes(h);
        if (body != null) {
            buf.writeBytes(body);
        }
        return ByteBufUtil.getBytes(buf);
    }

    static byte[] encodeFrame(RemotingCommand cmd) {
        ByteBuf buf = Unpooled.buffer();
        try {
            CommandCodec.encode(cmd, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static RemotingCommand decodeFrame(byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            assertEquals(frame.length - 4, buf.readInt(), "length field");
            RemotingCommand cmd = CommandCodec.decode(buf);
            assertEquals(0, buf.readableBytes());
            return cmd;
        } finally {
            buf.release();
        }
    }

    static RemotingCommand roundTrip(RemotingCommand cmd) {
        return decodeFrame(encodeFrame(cmd));
    }
}
