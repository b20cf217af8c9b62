package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** The fast JSON header path agrees with the fastjson2 parser, and gives up rather than guess. */
class JsonHeaderParserTest {
    private static final String[] HEADERS = {
        "{\"code\":310,\"extFields\":{\"a\":\"PG\",\"b\":\"TopicTest\",\"i\":\"KEYS\\u0001k1\\u0002WAIT\\u0001true\"},"
                + "\"flag\":0,\"language\":\"JAVA\",\"opaque\":12,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":407}",
        " { \"code\" : -1 , \"flag\" : 3 ,\n\t\"opaque\" : -2147483648 , \"remark\" : null , \"extFields\" : { } } ",
        "{\"code\":0,\"remark\":\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\\u00e9\\u4E2D\",\"language\":\"GO\",\"version\":0}",
        "{\"code\":1,\"remark\":\"caf\u00e9 \u4e2d\u6587\",\"extFields\":{\"t\u00f6pic\":\"v\u00e4lue\",\"n\":null}}",
        "{\"code\":2,\"language\":9,\"unknown\":\"x\\\"y\",\"other\":12.5e3,\"b1\":true,\"b2\":false,\"z\":null}",
        "{\"code\":3,\"language\":null,\"extFields\":null}",
        "{\"code\":4,\"language\":\"KLINGON\",\"extFields\":{\"k\":\"1\",\"k\":\"2\"}}",
        "{\"code\":5,\"code\":6,\"opaque\":2147483647}",
        "{\"flag\":1}",
        "{}",
    };

    @Test
    void fastPathAndFastjsonAgree() {
        for (String header : HEADERS) {
            byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
            RemotingCommand reference = RemotingCommand.empty();
            RuntimeException referenceFailure = null;
            try {
                JsonHeaderCodec.read(bytes, 0, bytes.length, reference);
            } catch (FrameFormatException e) {
                referenceFailure = e;
            }
            RemotingCommand fast = RemotingCommand.empty();
            if (referenceFailure != null) {
                assertThrows(FrameFormatException.class, () -> read(bytes, fast), header);
                continue;
            }
            read(bytes, fast);
            assertEquals(reference.toString().replace("extFields={}", "extFields=null"),
                    fast.toString().replace("extFields={}", "extFields=null"), header);
            assertEquals(new HashMap<>(reference.extFields()), new HashMap<>(fast.extFields()), header);
        }
    }

    @Test
    void theClientsSendHeaderStaysOnTheFastPathWithCanonicalKeysAndCachedValues() {
        byte[] bytes = HEADERS[0].getBytes(StandardCharsets.UTF_8);
        JsonHeaderParser parser = JsonHeaderParser.get();
        RemotingCommand first = RemotingCommand.empty();
        assertTrue(parser.parse(bytes, 0, bytes.length, first));
        RemotingCommand second = RemotingCommand.empty();
        assertTrue(parser.parse(bytes, 0, bytes.length, second));
        String key = first.extFields().keySet().iterator().next();
        assertSame("a", key);
        assertSame(first.field("b"), second.field("b"));
        assertEquals("KEYS\u0001k1\u0002WAIT\u0001true", second.field("i"));
    }

    @Test
    void givesUpWithoutTouchingTheCommand() {
        String[] unusual = {
            "{\"code\":\"12\"}", "{\"code\":1,\"extFields\":{\"q\":3}}", "{\"code\":1,\"x\":{\"y\":[1]}}",
            "{\"code\":1", "{\"code\":1}x", "{\"code\":99999999999}", "{\"code\":1,\"remark\":\"a\u0001b\"}",
            "{\"code\":1.5}",
        };
        for (String header : unusual) {
            byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
            RemotingCommand cmd = RemotingCommand.empty().opaque(77);
            assertFalse(JsonHeaderParser.get().parse(bytes, 0, bytes.length, cmd), header);
            assertEquals(77, cmd.opaque(), header);
            assertEquals(0, cmd.code(), header);
        }
    }

    @Test
    void neverReadsPastTheHeaderIntoTheBody() {
        byte[] bytes = "{\"code\":1,\"remark\":\"ab".getBytes(StandardCharsets.UTF_8);
        byte[] withBody = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, withBody, 0, bytes.length);
        System.arraycopy("c\"}\n".getBytes(StandardCharsets.UTF_8), 0, withBody, bytes.length, 4);
        ByteBuf buf = Unpooled.wrappedBuffer(withBody);
        assertThrows(FrameFormatException.class,
                () -> JsonHeaderParser.get().read(buf, bytes.length, RemotingCommand.empty()));
        assertEquals(bytes.length, buf.readerIndex());
    }

    private static void read(byte[] bytes, RemotingCommand cmd) {
        ByteBuf direct = Unpooled.directBuffer(bytes.length);
        try {
            direct.writeBytes(bytes);
            JsonHeaderParser.get().read(direct, bytes.length, cmd);
            assertEquals(bytes.length, direct.readerIndex());
        } finally {
            direct.release();
        }
    }
}
