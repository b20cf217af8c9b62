package io.carrack.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.carrack.client.ClientException;
import io.carrack.client.consumer.ConsumeConcurrentlyStatus;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.PullConsumer;
import io.carrack.client.consumer.PushConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendStatus;
import io.carrack.common.message.Message;
import io.carrack.common.message.MessageQueue;
import io.carrack.filter.server.ClassFilterClient;
import io.carrack.filter.server.ClassFilterException;
import io.carrack.filter.server.FilterServer;
import io.carrack.filter.server.FilterServerConfig;
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
import org.slf4j.LoggerFactory;

/**
 * Class filters of Carrack's push consumer against an in-JVM name server, broker and filter server: the
 * consumer uploads the filter class, pulls through the filter server and receives exactly the matching
 * messages, with offsets that survive a restart; a hostile class is refused at start with the sandbox's
 * reason; a filter disabled at run time is logged and recovered by subscribing a corrected class.
 */
@Timeout(120)
class ClassFilterIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String BIG_ORDERS = """
            package test.filters;
            import io.carrack.filter.server.api.MessageFilter;
            import io.carrack.filter.server.api.MessageView;
            public class BigOrders implements MessageFilter {
                public boolean match(MessageView m) {
                    return m.bodyAsString().contains("\\"big\\":true") && !"skip".equals(m.property("mode"));
                }
            }
            """;

    @TempDir
    static Path dir;
    static Cluster cluster;
    static FilterServer filterServer;
    static Producer producer;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = Cluster.start(dir);
        filterServer = new FilterServer(FilterServerConfig.of(cluster.brokerAddr()).withListen("127.0.0.1", 0)
                .withMatchBudget(Duration.ofSeconds(1)).withRegisterPeriod(Duration.ofMillis(500)));
        filterServer.start();
        producer = Producer.builder().settings(cluster.settings()).group("PG_CLASS").build();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (filterServer != null) {
            filterServer.close();
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

    private <T extends AutoCloseable> T closeLater(T c) {
        closeAfter.add(c);
        return c;
    }

    private static String unique(String prefix) {
        return prefix + "_" + SEQ.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    private static String text(ReceivedMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    private static Message order(String topic, String id, boolean big, boolean skip) {
        String body = "{\"id\":\"" + id + "\",\"big\":" + big + "}";
        return Message.builder(topic).tags("Order").keys(id).userProperty("mode", skip ? "skip" : "keep")
                .body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    /**
     * Sends orders {@code prefix-0..29} (big every third, "skip" every fifth), then a matching order last
     * in every queue; returns the bodies {@link #BIG_ORDERS} must select.
     */
    private static Set<String> sendOrders(String topic, String prefix) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            Message m = order(topic, prefix + "-" + i, i % 3 == 0, i % 5 == 0);
            assertEquals(SendStatus.SEND_OK, producer.send(m).status());
            if (i % 3 == 0 && i % 5 != 0) {
                expected.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
        }
        for (MessageQueue q : producer.publishQueues(topic)) {
            Message m = order(topic, prefix + "-last-" + q.queueId(), true, false);
            assertEquals(SendStatus.SEND_OK, producer.send(m, q).status());
            expected.add(new String(m.getBody(), StandardCharsets.UTF_8));
        }
        return expected;
    }

    /** Creates the topic and waits until its route lists the filter server. */
    private static void awaitFilterServerInRoute(String topic) {
        assertEquals(SendStatus.SEND_OK, producer.send(order(topic, "warm-up", false, false)).status());
        try (ClassFilterClient routes = new ClassFilterClient(cluster.namesrvAddr())) {
            // The auto-created topic reaches the name server in the background: no route yet means "not yet".
            Await.until(WAIT, () -> {
                try {
                    return routes.filterServers(topic, "broker-a").contains(filterServer.address());
                } catch (ClassFilterException notRoutedYet) {
                    return false;
                }
            }, () -> "filter server " + filterServer.address() + " in the route of " + topic);
        }
    }

    private PushConsumer consumer(String group, String topic, Selector selector, Map<String, Integer> got) {
        return PushConsumer.builder().settings(cluster.settings()).group(group).subscribe(topic, selector)
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).rebalanceInterval(Duration.ofSeconds(1))
                .concurrentListener((msgs, ctx) -> {
                    msgs.forEach(m -> got.merge(text(m), 1, Integer::sum));
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                }).build();
    }

    @Test
    void pushConsumerWithAClassFilterGetsExactlyTheMatchingMessagesAndResumesAfterThem() {
        String topic = unique("T_class");
        String group = unique("CG_class");
        awaitFilterServerInRoute(topic);
        Set<String> expected = sendOrders(topic, "a");
        Selector selector = Selector.classFilter("test.filters.BigOrders", BIG_ORDERS);

        Map<String, Integer> got = new ConcurrentHashMap<>();
        try (PushConsumer first = consumer(group, topic, selector, got)) {
            Await.until(WAIT, () -> got.keySet().containsAll(expected), () -> "received " + got.keySet());
            assertEquals(expected, got.keySet());
            got.forEach((body, n) -> assertEquals(1, n, body + " delivered once"));
        }

        // The committed offsets lie past everything the first consumer examined: a new consumer of the
        // group gets only the matches among new messages.
        Set<String> expectedLater = sendOrders(topic, "b");
        Map<String, Integer> later = new ConcurrentHashMap<>();
        closeLater(consumer(group, topic, selector, later));
        Await.until(WAIT, () -> later.keySet().containsAll(expectedLater), () -> "received " + later.keySet());
        assertEquals(expectedLater, later.keySet());
    }

    @Test
    void aHostileFilterClassIsRefusedAtStartWithTheReason() {
        String topic = unique("T_hostile");
        awaitFilterServerInRoute(topic);
        String hostile = BIG_ORDERS.replace("BigOrders", "Exit").replace("return m.", "System.exit(1); return m.");
        ClientException e = assertThrows(ClientException.class, () -> closeLater(consumer(unique("CG_hostile"),
                topic, Selector.classFilter("test.filters.Exit", hostile), new ConcurrentHashMap<>())));
        assertTrue(e.getMessage().contains("test.filters.Exit uses java.lang.System.exit"), e.getMessage());
        assertTrue(e.getMessage().contains("refused by filter server " + filterServer.address()), e.getMessage());
        assertEquals(1, e.responseCode(), "SYSTEM_ERROR from the filter server");

        String broken = BIG_ORDERS.replace("return m.", "return x.");
        ClientException c = assertThrows(ClientException.class, () -> closeLater(consumer(unique("CG_broken"),
                topic, Selector.classFilter("test.filters.BigOrders", broken), new ConcurrentHashMap<>())));
        assertTrue(c.getMessage().contains("compilation failed"), c.getMessage());
    }

    @Test
    void aFilterDisabledAtRunTimeIsLoggedAndASubscriptionWithAFixedClassResumes() {
        String topic = unique("T_disabled");
        awaitFilterServerInRoute(topic);
        Set<String> expected = sendOrders(topic, "d");
        String throwing = BIG_ORDERS.replace("return m.",
                "if (m.bodyAsString().contains(\"big\")) { throw new IllegalStateException(\"boom\"); } return m.");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                "io.carrack.client.internal.filtersrv.ClassFilters");
        log.start();
        logger.addAppender(log);
        try {
            Map<String, Integer> got = new ConcurrentHashMap<>();
            PushConsumer c = closeLater(consumer(unique("CG_disabled"), topic,
                    Selector.classFilter("test.filters.BigOrders", throwing), got));
            Await.until(WAIT, () -> errors(log).stream().anyMatch(m -> m.contains("was disabled by filter server")),
                    () -> "an error log about the disabled filter; logged " + errors(log));
            String error = errors(log).get(0);
            assertTrue(error.contains("threw java.lang.IllegalStateException: boom"), error);
            assertTrue(error.contains("stops pulling topic " + topic), error);
            assertTrue(got.isEmpty(), "nothing passes a disabled filter: " + got.keySet());

            // the same class again is refused with the reason it was disabled for
            ClientException same = assertThrows(ClientException.class,
                    () -> c.subscribe(topic, Selector.classFilter("test.filters.BigOrders", throwing)));
            assertTrue(same.getMessage().contains("boom"), same.getMessage());

            c.subscribe(topic, Selector.classFilter("test.filters.BigOrders", BIG_ORDERS));
            Await.until(WAIT, () -> got.keySet().containsAll(expected), () -> "received " + got.keySet());
            assertEquals(expected, got.keySet());
        } finally {
            logger.detachAppender(log);
        }
    }

    private static List<String> errors(ListAppender<ILoggingEvent> log) {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(log.list)) {
            if (e.getLevel() == Level.ERROR) {
                out.add(e.getFormattedMessage());
            }
        }
        return out;
    }

    @Test
    void withoutAFilterServerStartFailsAndPullConsumersRefuseClassFilters(@TempDir Path plainDir) {
        try (Cluster plain = Cluster.start(plainDir);
             Producer p = Producer.builder().settings(plain.settings()).group("PG_plain").build()) {
            String topic = unique("T_nofs");
            assertEquals(SendStatus.SEND_OK, p.send(order(topic, "x", true, false)).status());
            ClientException e = assertThrows(ClientException.class, () -> PushConsumer.builder()
                    .settings(plain.settings()).group(unique("CG_nofs"))
                    .subscribe(topic, Selector.classFilter("test.filters.BigOrders", BIG_ORDERS))
                    .concurrentListener((msgs, ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS).build().close());
            assertTrue(e.getMessage().contains("have no filter server"), e.getMessage());

            try (PullConsumer pull = PullConsumer.builder().settings(plain.settings()).group(unique("CG_pull"))
                    .build()) {
                assertThrows(IllegalArgumentException.class,
                        () -> pull.subscribe(topic, Selector.classFilter("test.filters.BigOrders", BIG_ORDERS)));
            }
        }
    }
}
