package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void encodesTheProtocolExample() throws Exception {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10911);
        assertEquals("7F00000100002A9F0000000000000000", MessageIds.offsetId(host, 0));
    }

    @Test
    void decodesTheProtocolExample() throws Exception {
        MessageIds.OffsetId id = MessageIds.decodeOffsetId("7F00000100002A9F0000000000000000");
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10911), id.storeHost());
        assertEquals(0, id.physicalOffset());
    }

    @Test
    void decodesLowerCaseHex() {
        MessageIds.OffsetId id = MessageIds.decodeOffsetId("0a00000100002a9f00000000000003e8");
        assertEquals("10.0.0.1", id.storeHost().getAddress().getHostAddress());
        assertEquals(1000, id.physicalOffset());
    }

    @Test
    void ipv6IdHas56UppercaseCharactersAndRoundTrips() throws Exception {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("2001:db8::ff"), 10911);
        long offset = 0x1234_5678_9ABCL;
        String id = MessageIds.offsetId(host, offset);
        assertEquals(56, id.length());
        assertEquals("20010DB80000000000000000000000FF" + "00002A9F" + "0000123456789ABC", id);
        MessageIds.OffsetId d = MessageIds.decodeOffsetId(id);
        assertEquals(host, d.storeHost());
        assertEquals(offset, d.physicalOffset());
    }

    @Test
    void largeOffsetsRoundTrip() throws Exception {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("192.168.1.20"), 65535);
        String id = MessageIds.offsetId(host, Long.MAX_VALUE);
        assertEquals("C0A8011400" + "00FFFF7FFFFFFFFFFFFFFF", id);
        assertEquals(Long.MAX_VALUE, MessageIds.decodeOffsetId(id).physicalOffset());
        assertEquals(65535, MessageIds.decodeOffsetId(id).storeHost().getPort());
    }

    @Test
    void rejectsWrongLengthsAndNonHex() {
        assertThrows(IllegalArgumentException.class, () -> MessageIds.decodeOffsetId(null));
        assertThrows(IllegalArgumentException.class, () -> MessageIds.decodeOffsetId(""));
        assertThrows(IllegalArgumentException.class, () -> MessageIds.decodeOffsetId("7F00000100002A9F000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> MessageIds.decodeOffsetId("ZZ00000100002A9F0000000000000000"));
    }
}
