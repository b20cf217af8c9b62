package io.carrack.store.mmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatch thread's one-pass property scan agrees with the String decoder and hashes. */
class PropertyScanTest {
    private static final char NV = MessageConst.NAME_VALUE_SEPARATOR;
    private static final char PS = MessageConst.PROPERTY_SEPARATOR;

    @Test
    void findsTheValuesTheDecoderFinds() {
        String[] texts = {
            "",
            "TAGS" + NV + "TagA" + PS + "KEYS" + NV + "k1 k2" + PS + "UNIQ_KEY" + NV + "ABC",
            "TAGS" + NV + "first" + PS + "TAGS" + NV + "second",
            "TAGS" + NV + PS + "KEYS" + NV + "only" + PS,
            NV + "TagA" + PS + "TAGSX" + NV + "no" + PS + "XTAGS" + NV + "no",
            "DELAY" + NV + "3" + PS + "TAGS" + NV + "a" + NV + "b",
            "TAGS" + NV + "t\u00e4g" + PS + "KEYS" + NV + "schl\u00fcssel",
            "KEYS" + PS + "TAGS",
        };
        PropertyScan scan = new PropertyScan();
        for (String text : texts) {
            Map<String, String> decoded = MessageProperties.decode(text);
            scan.scan(text);
            assertEquals(decoded.get(MessageConst.TAGS), scan.tags(), text);
            assertEquals(decoded.get(MessageConst.DELAY_TIME_LEVEL), scan.delayLevel(), text);
            assertEquals(BrokerMessage.tagsCodeOf(decoded.get(MessageConst.TAGS)), scan.tagsHash(), text);
            assertEquals(decoded.get(MessageConst.KEYS), text(scan, scan.keys()), text);
            assertEquals(decoded.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX), text(scan, scan.uniqueKey()), text);
        }
    }

    @Test
    void keyHashMatchesTheIndexHashForAsciiAndOtherKeys() {
        PropertyScan scan = new PropertyScan();
        for (String key : new String[] {"order-4711", "schl\u00fcssel", "\u4e2d\u6587"}) {
            scan.scan("KEYS" + NV + key);
            long r = scan.keys();
            assertEquals(IndexDescriptor.keyHash("Topic", key),
                    scan.keyHash("Topic", PropertyScan.start(r), PropertyScan.end(r)), key);
        }
    }

    @Test
    void absentValuesAreMinusOneOrNull() {
        PropertyScan scan = new PropertyScan().scan("A" + NV + "b");
        assertEquals(-1, scan.keys());
        assertEquals(-1, scan.uniqueKey());
        assertNull(scan.tags());
        assertEquals(0, scan.tagsHash());
    }

    private static String text(PropertyScan scan, long range) {
        if (range < 0) {
            return null;
        }
        int s = PropertyScan.start(range);
        return new String(scan.bytes(), s, PropertyScan.end(range) - s, StandardCharsets.UTF_8);
    }
}
