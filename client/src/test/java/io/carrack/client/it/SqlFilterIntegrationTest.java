package io.carrack.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.ConsumeConcurrentlyStatus;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.PullConsumer;
import io.carrack.client.consumer.PushConsumer;
import io.carrack.client.consumer.PushConsumerBuilder;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendStatus;
import io.carrack.common.message.Message;
import io.carrack.common.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL92 selectors of Carrack's client against a name server and a broker with
 * {@code enablePropertyFilter=true} and {@code filterSupportRetry=true} in this JVM: the exact
 * matching set, retries filtered with the same expression, and bad expressions refused at start or
 * subscribe with their position.
 */
@Timeout(120)
class SqlFilterIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String RANGE = "a between 0 and 3";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path dir;
    static Cluster cluster;
    static Producer producer;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start(dir, bc -> {
            bc.setEnablePropertyFilter(true);
            bc.setFilterSupportRetry(true);
            // retries come back after 1 s instead of 10 s
            bc.setMessageDelayLevel("1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s");
        });
        producer = Producer.builder().settings(cluster.settings()).group("PG_SQL").build();
    }

    @AfterAll
    static void stopCluster() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "_" + SEQ.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closeAfter.add(c);
        return c;
    }

    private static Message message(String topic, String body, String a) {
        Message.Builder b = Message.builder(topic).tags("T").keys(body).body(body.getBytes(StandardCharsets.UTF_8));
        if (a != null) {
            b.userProperty("a", a);
        }
        return b.build();
    }

    private static String text(ReceivedMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    /**
     * Sends a = -3..8, a message without {@code a}, one with a non-number, and a matching message last
     * in every queue (so receiving those means everything before them was filtered); returns the
     * bodies {@link #RANGE} must select.
     */
    private static Set<String> sendRangeData(String topic) {
        Set<String> expected = new HashSet<>();
        for (int a = -3; a <= 8; a++) {
            String body = "a=" + a;
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, body, Integer.toString(a))).status());
            if (a >= 0 && a <= 3) {
                expected.add(body);
            }
        }
        producer.send(message(topic, "no-a", null));
        producer.send(message(topic, "a=x", "x"));
        producer.send(message(topic, "a=1.5", "1.5"));
        for (MessageQueue q : producer.publishQueues(topic)) {
            String body = "last-" + q.queueId();
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, body, "2"), q).status());
            expected.add(body);
        }
        return expected;
    }

    private PushConsumerBuilder consumer(String group, String topic, Selector selector) {
        return PushConsumer.builder().settings(cluster.settings()).group(group).subscribe(topic, selector)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).rebalanceInterval(Duration.ofSeconds(1));
    }

    @Test
    void pushConsumerWithSqlSelectorGetsExactlyTheMatchingSet() {
        String topic = unique("T_sql");
        Set<String> expected = sendRangeData(topic);
        Map<String, Integer> got = new ConcurrentHashMap<>();
        closeLater(consumer(unique("CG_sql"), topic, Selector.sql(RANGE)).concurrentListener((msgs, ctx) -> {
            msgs.forEach(m -> got.merge(text(m), 1, Integer::sum));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }).build());
        Await.until(WAIT, () -> got.keySet().containsAll(expected), () -> "received " + got.keySet());
        assertEquals(expected, got.keySet());
        got.forEach((body, n) -> assertEquals(1, n, body + " delivered once"));
    }

    @Test
    void retriedMessagesComeBackThroughTheSameFilter() {
        String topic = unique("T_sqlretry");
        String group = unique("CG_sqlretry");
        Set<String> expected = sendRangeData(topic);
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        closeLater(consumer(group, topic, Selector.sql(RANGE)).concurrentListener((msgs, ctx) -> {
            boolean again = false;
            for (ReceivedMessage m : msgs) {
                attempts.computeIfAbsent(text(m), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(m.reconsumeTimes());
                again |= m.reconsumeTimes() == 0;
            }
            return again ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }).consumeMessageBatchMaxSize(1).build());
        Await.until(WAIT, () -> expected.stream().allMatch(b -> attempts.getOrDefault(b, List.of()).size() >= 2),
                () -> "attempts " + attempts);
        // A retry whose properties do not match (here sent straight to the retry topic, naming the
        // original topic as a send-back does) is filtered out by the broker like the original.
        String retryTopic = "%RETRY%" + group;
        for (String a : List.of("7", "1")) {
            Message m = message(retryTopic, "direct-" + a, a);
            m.putProperty("RETRY_TOPIC", topic);
            assertEquals(SendStatus.SEND_OK, producer.send(m).status());
        }
        Await.until(WAIT, () -> attempts.containsKey("direct-1"), () -> "attempts " + attempts.keySet());
        Set<String> all = new HashSet<>(expected);
        all.add("direct-1");
        assertEquals(all, attempts.keySet());
        for (String body : expected) {
            assertEquals(List.of(0, 1), attempts.get(body).subList(0, 2), body);
        }
    }

    @Test
    void badExpressionFailsPushConsumerStartWithItsPosition() {
        String topic = unique("T_sqlbad");
        producer.send(message(topic, "init", "1"));
        ClientException e = assertThrows(ClientException.class, () -> closeLater(consumer(unique("CG_sqlbad"), topic,
                Selector.sql("a between 1 and")).concurrentListener((msgs, ctx) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS).build()));
        assertEquals(23, e.responseCode(), e.getMessage());
        assertTrue(e.getMessage().contains("but found end of input at position 15"), e.getMessage());
        assertTrue(e.getMessage().contains("topic " + topic), e.getMessage());
    }

    @Test
    void pullConsumerSubscribeRefusesABadExpressionAndFiltersAGoodOne() {
        String topic = unique("T_sqlpull");
        Set<String> expected = sendRangeData(topic);
        PullConsumer c = closeLater(PullConsumer.builder().settings(cluster.settings()).group(unique("CG_sqlpull"))
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).rebalanceInterval(Duration.ofSeconds(1))
                .build());
        ClientException e = assertThrows(ClientException.class, () -> c.subscribe(topic, Selector.sql("a >< 3")));
        assertEquals(23, e.responseCode(), e.getMessage());
        assertTrue(e.getMessage().contains("at position 3"), e.getMessage());

        c.subscribe(topic, Selector.sql(RANGE));
        Set<String> got = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!got.containsAll(expected) && System.nanoTime() < deadline) {
            for (ReceivedMessage m : c.poll(Duration.ofMillis(200))) {
                got.add(text(m));
            }
        }
        assertEquals(expected, got);
    }

    @Test
    void startFailsOnABrokerWithoutEnablePropertyFilter(@TempDir Path plainDir) {
        try (Cluster plain = Cluster.start(plainDir);
             Producer p = Producer.builder().settings(plain.settings()).group("PG_plain").build()) {
            String topic = unique("T_plain");
            assertEquals(SendStatus.SEND_OK, p.send(message(topic, "init", "1")).status());
            ClientException e = assertThrows(ClientException.class, () -> PushConsumer.builder()
                    .settings(plain.settings()).group(unique("CG_plain")).subscribe(topic, Selector.sql(RANGE))
                    .concurrentListener((msgs, ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS).build()
                    .close());
            assertEquals(1, e.responseCode(), e.getMessage());
            assertTrue(e.getMessage().contains("enablePropertyFilter=false"), e.getMessage());
        }
    }
}
