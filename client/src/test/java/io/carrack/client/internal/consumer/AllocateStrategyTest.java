package io.carrack.client.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exact assignments of the built-in strategies. The expected lists for 8 queues (broker-a and
 * broker-b, 4 each) and 3 consumers were computed with the RocketMQ 4.9.7 client's strategies of the
 * same names, so a mixed group of Carrack and RocketMQ consumers agrees on who takes what.
 */
class AllocateStrategyTest {
    private static final List<String> CIDS = List.of("10.0.0.1@1", "10.0.0.2@2", "10.0.0.3@3");
    private static final List<MessageQueue> QUEUES = queues();

    private static List<MessageQueue> queues() {
        List<MessageQueue> l = new ArrayList<>();
        for (String b : List.of("broker-a", "broker-b")) {
            for (int i = 0; i < 4; i++) {
                l.add(new MessageQueue("TopicTest", b, i));
            }
        }
        return l;
    }

    /** Queues named like "a0 b3" (broker suffix and queue id). */
    private static List<MessageQueue> q(String names) {
        List<MessageQueue> l = new ArrayList<>();
        for (String n : names.split(" ")) {
            l.add(new MessageQueue("TopicTest", "broker-" + n.charAt(0), n.charAt(1) - '0'));
        }
        return l;
    }

    private static List<MessageQueue> alloc(AllocateStrategy s, int client) {
        return s.allocate("G", CIDS.get(client), QUEUES, CIDS);
    }

    @Test
    void averageGivesContiguousBlocksWithTheRemainderFirst() {
        AllocateStrategy s = AllocateStrategy.average();
        assertEquals(q("a0 a1 a2"), alloc(s, 0));
        assertEquals(q("a3 b0 b1"), alloc(s, 1));
        assertEquals(q("b2 b3"), alloc(s, 2));
        assertEquals("AVG", s.name());
    }

    @Test
    void averageWithMoreConsumersThanQueuesLeavesTheLastIdle() {
        List<MessageQueue> two = QUEUES.subList(0, 2);
        AllocateStrategy s = AllocateStrategy.average();
        assertEquals(List.of(two.get(0)), s.allocate("G", CIDS.get(0), two, CIDS));
        assertEquals(List.of(two.get(1)), s.allocate("G", CIDS.get(1), two, CIDS));
        assertEquals(List.of(), s.allocate("G", CIDS.get(2), two, CIDS));
    }

    @Test
    void averageByCircleDealsQueuesLikeCards() {
        AllocateStrategy s = AllocateStrategy.averageByCircle();
        assertEquals(q("a0 a3 b2"), alloc(s, 0));
        assertEquals(q("a1 b0 b3"), alloc(s, 1));
        assertEquals(q("a2 b1"), alloc(s, 2));
    }

    @Test
    void consistentHashMatchesRocketMq() {
        AllocateStrategy s = AllocateStrategy.consistentHash();
        assertEquals(q("a1 a2 b1 b3"), alloc(s, 0));
        assertEquals(q("b2"), alloc(s, 1));
        assertEquals(q("a0 a3 b0"), alloc(s, 2));
    }

    @Test
    void consistentHashWithThreeVirtualNodes() {
        List<String> two = CIDS.subList(0, 2);
        AllocateStrategy s = AllocateStrategy.consistentHash(3);
        assertEquals(q("a0 a1 b0 b3"), s.allocate("G", two.get(0), QUEUES, two));
        assertEquals(q("a2 a3 b1 b2"), s.allocate("G", two.get(1), QUEUES, two));
    }

    @Test
    void everyStrategyCoversEachQueueExactlyOnce() {
        for (AllocateStrategy s : List.of(AllocateStrategy.average(), AllocateStrategy.averageByCircle(),
                AllocateStrategy.consistentHash())) {
            Set<MessageQueue> seen = new HashSet<>();
            int total = 0;
            for (int c = 0; c < CIDS.size(); c++) {
                List<MessageQueue> mine = alloc(s, c);
                total += mine.size();
                seen.addAll(mine);
            }
            assertEquals(QUEUES.size(), total, s.name());
            assertEquals(new HashSet<>(QUEUES), seen, s.name());
        }
    }

    @Test
    void unknownClientGetsNothing() {
        assertEquals(List.of(), AllocateStrategy.average().allocate("G", "10.9.9.9@9", QUEUES, CIDS));
        assertEquals(List.of(), AllocateStrategy.consistentHash().allocate("G", "10.9.9.9@9", QUEUES, CIDS));
    }

    @Test
    void byConfigIgnoresTheGroup() {
        List<MessageQueue> mine = q("b1 a2");
        assertEquals(mine, AllocateStrategy.byConfig(mine).allocate("G", CIDS.get(0), QUEUES, CIDS));
        assertEquals(mine, AllocateStrategy.byConfig(mine).allocate("G", CIDS.get(2), QUEUES, CIDS));
    }

    @Test
    void rejectsEmptyClientIdAndBadVirtualNodeCount() {
        assertThrows(IllegalArgumentException.class, () -> AllocateStrategy.average().allocate("G", "", QUEUES, CIDS));
        assertThrows(IllegalArgumentException.class, () -> AllocateStrategy.consistentHash(0));
    }
}
