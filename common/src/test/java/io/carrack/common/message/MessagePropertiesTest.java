package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagePropertiesTest {
    @Test
    void encodesPairsWithSeparatorsAndNoTrailingSeparator() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("KEYS", "k1 k2");
        p.put("WAIT", "true");
        p.put("TAGS", "TagA");
        assertEquals("KEYS\u0001k1 k2\u0002WAIT\u0001true\u0002TAGS\u0001TagA", MessageProperties.encode(p));
    }

    @Test
    void encodeSkipsNullValuesAndHandlesEmpty() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("A", null);
        p.put("B", "1");
        p.put("C", null);
        assertEquals("B\u00011", MessageProperties.encode(p));
        assertEquals("", MessageProperties.encode(Map.of()));
        assertEquals("", MessageProperties.encode(null));
        Map<String, String> onlyNull = new HashMap<>();
        onlyNull.put("A", null);
        assertEquals("", MessageProperties.encode(onlyNull));
    }

    @Test
    void decodesTheProtocolExample() {
        Map<String, String> p = MessageProperties.decode("KEYS\u0001k1 k2\u0002UNIQ_KEY\u00017F00\u0002WAIT\u0001true\u0002TAGS\u0001TagA");
        assertEquals(Map.of("KEYS", "k1 k2", "UNIQ_KEY", "7F00", "WAIT", "true", "TAGS", "TagA"), p);
        assertEquals(List.of("KEYS", "UNIQ_KEY", "WAIT", "TAGS"), List.copyOf(p.keySet()));
    }

    @Test
    void dropsSegmentsWithoutNameOrValue() {
        // empty name, empty value, no separator, too short, empty segments: all skipped
        String text = "\u0001v\u0002n\u0001\u0002\u0001vv\u0002nn\u0001\u0002plain\u0002\u0002x\u0002ab\u0002ok\u00011\u0002\u0002";
        assertEquals(Map.of("ok", "1"), MessageProperties.decode(text));
    }

    @Test
    void keepsTheShortestValidSegmentAndSecondSeparatorInValue() {
        assertEquals(Map.of("a", "b"), MessageProperties.decode("a\u0001b"));
        assertEquals(Map.of("a", "b\u0001c"), MessageProperties.decode("a\u0001b\u0001c"));
    }

    @Test
    void separatorInALaterSegmentDoesNotLeak() {
        // "abc" has no name/value separator; the one in "d\u0001e" must not pair with it
        assertEquals(Map.of("d", "e"), MessageProperties.decode("abc\u0002d\u0001e"));
    }

    @Test
    void laterDuplicateWins() {
        assertEquals(Map.of("a", "2"), MessageProperties.decode("a\u00011\u0002a\u00012"));
    }

    @Test
    void decodeOfNothingIsEmptyAndMutable() {
        Map<String, String> m = MessageProperties.decode(null);
        assertEquals(Map.of(), m);
        m.put("x", "y");
        assertEquals(Map.of(), MessageProperties.decode(""));
    }

    @Test
    void roundTrips() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("UNIQ_KEY", "7F0000010001");
        p.put("ünï", "välue with spaces");
        p.put("DELAY", "3");
        assertEquals(p, MessageProperties.decode(MessageProperties.encode(p)));
    }

    @Test
    void findReadsOneValueLikeDecode() {
        String text = "TAGS\u0001TagA\u0002XTAGS\u0001no\u0002KEYS\u0001TAGS\u0001x\u0002E\u0001\u0002TAGS\u0001TagB";
        assertEquals("TagB", MessageProperties.find(text, "TAGS"));
        assertEquals(MessageProperties.decode(text).get("TAGS"), MessageProperties.find(text, "TAGS"));
        assertEquals("no", MessageProperties.find(text, "XTAGS"));
        assertEquals("TAGS\u0001x", MessageProperties.find(text, "KEYS"));
        assertEquals(null, MessageProperties.find(text, "E"));
        assertEquals(null, MessageProperties.find(text, "TAG"));
        assertEquals(null, MessageProperties.find("", "TAGS"));
        assertEquals("1", MessageProperties.find("a\u00011", "a"));
    }

    @Test
    void concatJoinsWithOneSeparator() {
        assertEquals("a\u00011\u0002WAIT\u0001true", MessageProperties.concat("a\u00011", "WAIT\u0001true"));
        assertEquals("a\u00011", MessageProperties.concat("a\u00011", ""));
        assertEquals("b\u00012", MessageProperties.concat("", "b\u00012"));
        assertEquals("", MessageProperties.concat(null, null));
    }
}
