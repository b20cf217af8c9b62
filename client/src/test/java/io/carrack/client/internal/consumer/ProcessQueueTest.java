package io.carrack.client.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.common.message.MessageQueue;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessQueueTest {
    private static final MessageQueue MQ = new MessageQueue("T", "b", 0);

    private static ReceivedMessage msg(long offset) {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 1);
        return new ReceivedMessage("T", MQ, offset, offset * 100, "id" + offset, "o" + offset, new byte[10], 0, 0,
                Map.of(), 0, 0, host, 0, host);
    }

    @Test
    void consumedOffsetIsTheSmallestCachedOrOnePastTheLargest() {
        ProcessQueue pq = new ProcessQueue();
        pq.put(List.of(msg(5), msg(6), msg(7)));
        assertEquals(3, pq.count());
        assertEquals(30, pq.bytes());
        assertEquals(2, pq.span());
        assertEquals(5, pq.remove(List.of(msg(6))));
        assertEquals(7, pq.remove(List.of(msg(5))));
        assertEquals(8, pq.remove(List.of(msg(7))));
        assertEquals(-1, pq.remove(List.of(msg(7))));
        assertEquals(0, pq.bytes());
    }

    @Test
    void orderlyTakeCommitAndReconsume() {
        ProcessQueue pq = new ProcessQueue();
        assertTrue(pq.put(List.of(msg(0), msg(1), msg(2))), "first put starts a consume task");
        assertFalse(pq.put(List.of(msg(3))), "no second task while one runs");
        List<ReceivedMessage> first = pq.take(2);
        assertEquals(List.of(0L, 1L), first.stream().map(ReceivedMessage::queueOffset).toList());
        pq.reconsume(first);
        List<ReceivedMessage> again = pq.take(2);
        assertEquals(List.of(0L, 1L), again.stream().map(ReceivedMessage::queueOffset).toList());
        assertEquals(1, again.get(0).reconsumeTimes());
        assertEquals(2, pq.commit());
        assertEquals(2, pq.take(5).size());
        assertEquals(4, pq.commit());
        assertTrue(pq.take(5).isEmpty());
        assertTrue(pq.put(List.of(msg(4))), "after the task ended, a new put starts one again");
    }
}
