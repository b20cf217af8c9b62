package io.carrack.broker.internal.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Editing the properties text gives what decode, remove(WAIT), put(CLUSTER), encode gives. */
class PropertyTextTest {
    private static final char NV = MessageConst.NAME_VALUE_SEPARATOR;
    private static final char PS = MessageConst.PROPERTY_SEPARATOR;

    @Test
    void wellFormedTextIsEditedAsTheMapPathWouldEditIt() {
        String[] texts = {
            null, "", "WAIT" + NV + "true",
            "KEYS" + NV + "k1 k2" + PS + "UNIQ_KEY" + NV + "ABC" + PS + "WAIT" + NV + "true" + PS + "TAGS" + NV + "TagA",
            "WAIT" + NV + "false" + PS + "TAGS" + NV + "T",
            "TAGS" + NV + "T" + PS + "WAIT" + NV + "true",
            "TAGS" + NV + "T\u00e4g" + PS + "WAITING" + NV + "x" + PS + "XWAIT" + NV + "y",
            "a" + NV + "b" + NV + "c",
        };
        for (String text : texts) {
            Map<String, String> props = MessageProperties.decode(text);
            props.remove(MessageConst.WAIT_STORE_MSG_OK);
            props.put(MessageConst.CLUSTER, "DefaultCluster");
            assertEquals(MessageProperties.encode(props), PropertyText.forStore(text, "DefaultCluster"), text);
        }
    }

    @Test
    void irregularTextIsLeftToTheMapPath() {
        String[] texts = {
            "TAGS" + NV + "T" + PS, PS + "TAGS" + NV + "T", "TAGS" + NV + PS + "KEYS" + NV + "k", "NOVALUE",
            NV + "v", "CLUSTER" + NV + "other" + PS + "TAGS" + NV + "T",
            "WAIT" + NV + "true" + PS + "WAIT" + NV + "false",
        };
        for (String text : texts) {
            assertNull(PropertyText.forStore(text, "C"), text);
        }
    }
}
