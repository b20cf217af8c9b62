package io.carrack.client.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.Selector;
import io.carrack.remoting.protocol.body.ConsumeType;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tag expressions and SQL92 selectors become the SubscriptionData the 4.9.7 client sends. */
class SubscriptionsTest {
    @Test
    void tagExpressionIsSplitOnDoubleBarAndTrimmed() {
        SubscriptionData s = Subscriptions.of("T", Selector.tag(" TagA ||TagB||  TagC "));
        assertEquals("TAG", s.getExpressionType());
        assertEquals(Set.of("TagA", "TagB", "TagC"), s.getTagsSet());
        assertEquals(Set.of("TagA".hashCode(), "TagB".hashCode(), "TagC".hashCode()), s.getCodeSet());
        assertEquals("TagA ||TagB||  TagC", s.getSubString());
        assertTrue(s.getSubVersion() > 0);
    }

    @Test
    void singleTag() {
        SubscriptionData s = Subscriptions.of("T", Selector.tag("TagA"));
        assertEquals(Set.of("TagA"), s.getTagsSet());
        assertEquals(Set.of(2598919), s.getCodeSet());
    }

    @Test
    void starEmptyAndNullMeanEverything() {
        assertSame(Selector.all(), Selector.tag("*"));
        assertSame(Selector.all(), Selector.tag(""));
        assertSame(Selector.all(), Selector.tag(null));
        SubscriptionData s = Subscriptions.of("T", Selector.tag(" * "));
        assertEquals("*", s.getSubString());
        assertTrue(s.getTagsSet().isEmpty());
        assertTrue(s.getCodeSet().isEmpty());
        assertTrue(s.subscribesAll());
    }

    @Test
    void emptySegmentsAreDropped() {
        SubscriptionData s = Subscriptions.of("T", Selector.tag("TagA || || TagB"));
        assertEquals(Set.of("TagA", "TagB"), s.getTagsSet());
    }

    @Test
    void sqlSelectorKeepsTheExpressionAndNoTags() {
        SubscriptionData s = Subscriptions.of("T", Selector.sql("a > 5 AND b = 'x'"));
        assertEquals("SQL92", s.getExpressionType());
        assertEquals("a > 5 AND b = 'x'", s.getSubString());
        assertTrue(s.getTagsSet().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Selector.sql(" "));
    }

    @Test
    void consumerDataOfAPushConsumer() {
        Map<String, SubscriptionData> subs = Map.of("T", Subscriptions.of("T", Selector.tag("A")));
        ConsumerData d = Subscriptions.consumerData("CG", true, MessageModel.BROADCASTING,
                ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, subs);
        assertEquals("CG", d.getGroupName());
        assertEquals(ConsumeType.CONSUME_PASSIVELY, d.getConsumeType());
        assertEquals(io.carrack.remoting.protocol.body.MessageModel.BROADCASTING, d.getMessageModel());
        assertEquals(io.carrack.remoting.protocol.body.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET,
                d.getConsumeFromWhere());
        assertEquals(Set.copyOf(subs.values()), d.getSubscriptionDataSet());
    }
}
