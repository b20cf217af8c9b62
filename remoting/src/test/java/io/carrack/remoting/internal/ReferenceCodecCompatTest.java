package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.carrack.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-checks the codec against the RocketMQ 4.9.7 remoting jar, the code the official client runs:
 * what Carrack writes must decode there, and what that jar writes must decode here.
 */
@ExtendWith(LeakCheck.class)
class ReferenceCodecCompatTest {
    private static final String PROPERTIES = "KEYS\u0001k1 k2\u0002UNIQ_KEY\u00017F000001\u0002TAGS\u0001\u4e2d\"q\"\\";

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void referenceDecodesOurResponse(SerializeType type) throws Exception {
        RemotingCommand request = RemotingCommand.request(310).opaque(77).serializeType(type);
        RemotingCommand response = RemotingCommand.responseTo(request, 17, "No topic route info in name server\n"
                + "for the topic: T \u00e9").field("msgId", "7F00000100002A9F0000000000000000")
                .field("queueId", "1").field("properties", PROPERTIES).body(new byte[] {1, 2, 3});

        org.apache.rocketmq.remoting.protocol.RemotingCommand ref = referenceDecode(response);

        assertEquals(17, ref.getCode());
        assertEquals(77, ref.getOpaque());
        assertTrue(ref.isResponseType());
        assertEquals(org.apache.rocketmq.remoting.protocol.LanguageCode.JAVA, ref.getLanguage());
        assertEquals(RemotingCommand.CURRENT_VERSION, ref.getVersion());
        assertEquals(response.remark(), ref.getRemark());
        assertEquals(response.extFields(), ref.getExtFields());
        assertArrayEquals(new byte[] {1, 2, 3}, ref.getBody());
        assertEquals(type.name(), ref.getSerializeTypeCurrentRPC().name());
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void referenceDecodesOurMinimalResponse(SerializeType type) throws Exception {
        RemotingCommand response = RemotingCommand.response(0, null).opaque(-9).serializeType(type);
        org.apache.rocketmq.remoting.protocol.RemotingCommand ref = referenceDecode(response);
        assertEquals(0, ref.getCode());
        assertEquals(-9, ref.getOpaque());
        assertTrue(ref.isResponseType());
        assertNull(ref.getRemark());
        assertTrue(ref.getExtFields() == null || ref.getExtFields().isEmpty());
        assertNull(ref.getBody());
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void weDecodeTheReferenceRequest(SerializeType type) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand ref =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(11, null);
        ref.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name()));
        ref.setLanguage(org.apache.rocketmq.remoting.protocol.LanguageCode.GO);
        ref.setVersion(407);
        ref.setRemark("r\u0001");
        ref.addExtField("topic", "TopicTest");
        ref.addExtField("properties", PROPERTIES);
        ref.addExtField("queueOffset", "123");
        ref.setBody(new byte[] {9, 8});
        ref.markOnewayRPC();
        ByteBuffer frame = ref.encode();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);

        RemotingCommand ours = CommandCodecTest.decodeFrame(bytes);
        assertEquals(11, ours.code());
        assertEquals(ref.getOpaque(), ours.opaque());
        assertTrue(ours.isOneway());
        assertEquals(LanguageCode.GO, ours.language());
        assertEquals(407, ours.version());
        assertEquals("r\u0001", ours.remark());
        assertEquals(Map.of("topic", "TopicTest", "properties", PROPERTIES, "queueOffset", "123"), ours.extFields());
        assertArrayEquals(new byte[] {9, 8}, ours.body());
        assertEquals(type, ours.serializeType());
    }

    private static org.apache.rocketmq.remoting.protocol.RemotingCommand referenceDecode(RemotingCommand cmd)
            throws Exception {
        ByteBuf buf = Unpooled.buffer();
        try {
            CommandCodec.encode(cmd, buf);
            int length = buf.readInt();
            assertEquals(buf.readableBytes(), length);
            return org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(buf.nioBuffer());
        } finally {
            buf.release();
        }
    }
}
