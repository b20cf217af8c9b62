package io.carrack.client.internal.filtersrv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.client.consumer.Selector;
import io.carrack.client.internal.consumer.Subscriptions;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire forms of a class-filter subscription: the heartbeat entry and the 302 upload. */
class FilterClassUploadTest {
    private static final String SOURCE = "package a; public class F {} // \u00e9t\u00e9";

    @Test
    void uploadCarriesTheRocketMqHeaderAndTheUtf8SourceWithItsMaskedCrc() {
        FilterClassUpload up = FilterClassUpload.of("G", "T", "a.F", SOURCE);
        RemotingCommand cmd = up.command();
        assertEquals(RequestCode.REGISTER_MESSAGE_FILTER_CLASS, cmd.code());
        assertEquals("G", cmd.field("consumerGroup"));
        assertEquals("T", cmd.field("topic"));
        assertEquals("a.F", cmd.field("className"));
        byte[] utf8 = SOURCE.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, cmd.body());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(utf8);
        assertEquals(String.valueOf(crc.getValue() & 0x7FFFFFFF), cmd.field("classCRC"));
        assertTrue(up.crc() >= 0);
    }

    @Test
    void heartbeatEntryIsAClassFilterModeTagSubscriptionNamedByTheClassWithoutTheSource() {
        SubscriptionData sub = Subscriptions.of("T", Selector.classFilter("a.F", SOURCE));
        assertTrue(sub.isClassFilterMode());
        assertEquals("a.F", sub.getSubString());
        assertEquals("TAG", sub.getExpressionType());
        assertTrue(sub.getTagsSet().isEmpty());
        assertEquals(SOURCE, sub.getFilterClassSource());
        String json = new String(Json.toBytes(sub), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"classFilterMode\":true"), json);
        assertFalse(json.contains("public class"), "the source is not sent in heartbeats: " + json);
    }
}
