package io.carrack.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.PullConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendResult;
import io.carrack.common.message.Message;
import io.carrack.common.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pull consumer against a real name server and broker: assign, poll, commit, seek, subscribe. */
@Timeout(120)
class PullConsumerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static Cluster cluster;
    static Producer producer;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(dir);
        producer = Producer.builder().settings(cluster.settings()).group("PG_PULL").build();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Set<String> send(String topic, String prefix, int n) {
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String b = prefix + i;
            producer.send(Message.builder(topic).tags("P").body(b.getBytes(StandardCharsets.UTF_8)).build());
            bodies.add(b);
        }
        return bodies;
    }

    private static Set<String> pollUntil(PullConsumer c, int count) {
        Set<String> got = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            for (ReceivedMessage m : c.poll(Duration.ofMillis(200))) {
                got.add(new String(m.body(), StandardCharsets.UTF_8));
            }
        }
        return got;
    }

    /** The topic's queues once the name server routes it (the broker registers auto-created topics in the background). */
    private static Collection<MessageQueue> routedQueues(PullConsumer c, String topic) {
        List<Collection<MessageQueue>> found = new ArrayList<>();
        Await.until(WAIT, () -> {
            try {
                found.add(c.fetchMessageQueues(topic));
                return true;
            } catch (ClientException notRoutedYet) {
                return false;
            }
        }, () -> "the route of " + topic);
        return found.get(0);
    }

    @Test
    void assignPollCommitAndSeek() {
        String topic = "T_pull_assign";
        Set<String> sent = send(topic, "a-", 20);
        try (PullConsumer c = PullConsumer.builder().settings(cluster.settings()).group("CG_pull_assign")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).autoCommit(false).build()) {
            List<MessageQueue> queues = new ArrayList<>(routedQueues(c, topic));
            assertEquals(4, queues.size());
            c.assign(queues);
            assertEquals(Set.copyOf(queues), c.assignment());
            assertEquals(sent, pollUntil(c, sent.size()));
            c.commit();
            long committedTotal = 0;
            for (MessageQueue q : queues) {
                committedTotal += c.committed(q);
            }
            assertEquals(20, committedTotal, "committed offsets cover every polled message");

            MessageQueue first = queues.get(0);
            long end = c.committed(first);
            assertTrue(end > 0);
            c.seek(first, 0);
            Set<String> again = pollUntil(c, (int) end);
            assertEquals(end, again.size());
            assertTrue(sent.containsAll(again));
        }
    }

    @Test
    void subscribeResumesFromTheCommittedOffset() {
        String topic = "T_pull_sub";
        Set<String> first = send(topic, "f-", 8);
        try (PullConsumer c = PullConsumer.builder().settings(cluster.settings()).group("CG_pull_sub")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build()) {
            c.subscribe(topic, Selector.tag("P"));
            assertEquals(first, pollUntil(c, first.size()));
        }
        Set<String> second = send(topic, "s-", 6);
        try (PullConsumer c = PullConsumer.builder().settings(cluster.settings()).group("CG_pull_sub")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build()) {
            c.subscribe(topic, Selector.tag("P"));
            Set<String> got = pollUntil(c, second.size());
            assertEquals(second, got, "only messages after the commit of the first consumer");
        }
    }

    @Test
    void sendResultOffsetsMatchPolledOffsets() {
        String topic = "T_pull_offsets";
        SendResult r = producer.send(Message.builder(topic).body("x".getBytes(StandardCharsets.UTF_8)).build());
        try (PullConsumer c = PullConsumer.builder().settings(cluster.settings()).group("CG_pull_offsets")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).build()) {
            assertTrue(routedQueues(c, topic).contains(r.queue()));
            c.assign(List.of(r.queue()));
            List<ReceivedMessage> got = List.of();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                got = c.poll(Duration.ofMillis(200));
            }
            assertEquals(1, got.size());
            assertEquals(r.queueOffset(), got.get(0).queueOffset());
            assertEquals(r.messageId(), got.get(0).messageId());
            assertEquals(r.offsetMessageId(), got.get(0).offsetMessageId());
        }
    }
}
