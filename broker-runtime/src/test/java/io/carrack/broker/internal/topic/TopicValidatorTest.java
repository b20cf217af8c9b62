package io.carrack.broker.internal.topic;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Topic names: the characters of ^[%|a-zA-Z0-9_-]+$, at most 127 of them. */
class TopicValidatorTest {
    @Test
    void acceptsTheLegalCharacters() {
        for (String topic : new String[] {"TopicTest", "%RETRY%group_1", "a|b-c", "Z9", "x".repeat(127)}) {
            assertNull(TopicValidator.checkName(topic), topic);
        }
    }

    @Test
    void refusesOthersBlankAndTooLong() {
        for (String topic : new String[] {"a b", "a.b", "a/b", "t\u00e4", "a\u0001", "", " ", "x".repeat(128),
            "\u4e2d"}) {
            assertNotNull(TopicValidator.checkName(topic), topic);
        }
        assertNotNull(TopicValidator.checkName(null));
    }
}
