package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {
    @Test
    void newMessageWaitsForTheStoreLikeRocketMq() {
        Message m = new Message("T", "hi".getBytes(StandardCharsets.UTF_8));
        assertTrue(m.isWaitStoreMsgOK());
        assertEquals(Map.of("WAIT", "true"), m.getProperties());
        assertEquals("WAIT\u0001true", m.encodedProperties());
    }

    @Test
    void builderSetsEverything() {
        Message m = Message.builder("orders").tags("created").keys("k1", "k2").flag(7)
                .body(new byte[] {1, 2}).delayTimeLevel(3).waitStoreMsgOK(false).userProperty("region", "eu").build();
        assertEquals("orders", m.getTopic());
        assertEquals("created", m.getTags());
        assertEquals("k1 k2", m.getKeys());
        assertEquals(List.of("k1", "k2"), m.getKeyList());
        assertEquals(7, m.getFlag());
        assertArrayEquals(new byte[] {1, 2}, m.getBody());
        assertEquals(3, m.getDelayTimeLevel());
        assertFalse(m.isWaitStoreMsgOK());
        assertEquals("eu", m.getUserProperty("region"));
        assertEquals(Map.of("TAGS", "created", "KEYS", "k1 k2", "DELAY", "3", "WAIT", "false", "region", "eu"),
                m.getProperties());
    }

    @Test
    void clearingSystemFieldsRemovesTheirProperties() {
        Message m = new Message("T", "a", "k", null);
        assertEquals(0, m.getBody().length);
        m.setTags(null);
        m.setKeys((String) null);
        m.setDelayTimeLevel(0);
        assertNull(m.getTags());
        assertNull(m.getKeys());
        assertEquals(List.of(), m.getKeyList());
        assertEquals(0, m.getDelayTimeLevel());
        assertEquals(Map.of("WAIT", "true"), m.getProperties());
    }

    @Test
    void userPropertiesCannotUseSystemNamesOrBlanks() {
        Message m = new Message("T", null);
        for (String reserved : List.of("TAGS", "KEYS", "UNIQ_KEY", "DELAY", "WAIT", "TRAN_MSG", "CLUSTER")) {
            assertThrows(IllegalArgumentException.class, () -> m.putUserProperty(reserved, "x"), reserved);
        }
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty("a", " "));
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty("a", null));
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty("a\u0001b", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.putUserProperty("a", "x\u0002y"));
        m.putProperty("UNIQ_KEY", "ABC");
        assertEquals("ABC", m.getUniqueKey());
    }

    @Test
    void propertiesViewIsReadOnly() {
        Message m = new Message("T", null);
        assertThrows(UnsupportedOperationException.class, () -> m.getProperties().put("a", "b"));
    }

    @Test
    void ensureUniqueKeyKeepsAnExistingOne() {
        Message m = new Message("T", null);
        String id = m.ensureUniqueKey();
        assertTrue(UniqueKeys.isUniqueKey(id));
        assertEquals(id, m.ensureUniqueKey());
        assertEquals(id, m.getProperty(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
    }

    @Test
    void emptyTopicIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Message("", null));
        assertThrows(IllegalArgumentException.class, () -> Message.builder(null));
    }

    @Test
    void equalityCoversBodyAndProperties() {
        Message a = Message.builder("T").tags("x").body(new byte[] {1}).build();
        Message b = Message.builder("T").tags("x").body(new byte[] {1}).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.setBody(new byte[] {2});
        assertFalse(a.equals(b));
    }
}
