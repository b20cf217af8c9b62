package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import io.carrack.compat.harness.Offsets;
import io.carrack.filter.server.ClassFilterClient;
import io.carrack.filter.server.ClassFilterException;
import io.carrack.filter.server.FilterServer;
import io.carrack.filter.server.FilterServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Class filters with the official 4.9.7 client: {@code DefaultMQPushConsumer.subscribe(topic, fullClassName,
 * filterClassSource)} with a filter written against RocketMQ's own
 * {@code org.apache.rocketmq.common.filter.MessageFilter}. The client uploads it to the filter server that
 * the route lists for the broker (here started in-process next to the embedded broker), pulls through
 * it, and receives exactly the matching messages, its offsets moving past filtered ones; a hostile class
 * is refused by the sandbox and its consumer receives nothing.
 */
class ClassFilterCompatTest {

    private static final String CLASS_NAME = "com.example.filters.UrgentEuOrders";
    private static final String SOURCE = """
            package com.example.filters;

            import java.nio.charset.StandardCharsets;
            import org.apache.rocketmq.common.filter.FilterContext;
            import org.apache.rocketmq.common.filter.MessageFilter;
            import org.apache.rocketmq.common.message.MessageExt;

            public class UrgentEuOrders implements MessageFilter {
                @Override
                public boolean match(MessageExt msg, FilterContext context) {
                    String body = new String(msg.getBody(), StandardCharsets.UTF_8);
                    return "eu".equals(msg.getProperty("region")) && body.contains("urgent")
                            && msg.getKeys().startsWith("order-") && context.getConsumerGroup().startsWith("CG");
                }
            }
            """;
    private static final String HOSTILE = SOURCE.replace("String body =", "System.exit(3); String body =");

    @CompatTest
    void officialClientClassFilterGetsExactlyTheMatchingMessages(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        try (FilterServer fs = new FilterServer(FilterServerConfig.of(env.brokerAddr()).withListen("127.0.0.1", 0)
                .withMatchBudget(Duration.ofSeconds(1)).withRegisterPeriod(Duration.ofMillis(500)));
             ClassFilterClient routes = new ClassFilterClient(env.namesrvAddr())) {
            fs.start();
            List<SendResult> results = new ArrayList<>();
            results.add(send(env, producer, order(topic, "warm-up", "us", "normal"), null));
            Await.await("filter server " + fs.address() + " in the route of " + topic, TIMEOUT,
                    () -> {
                        try {
                            return routes.filterServers(topic, env.brokerName()).contains(fs.address());
                        } catch (ClassFilterException notRoutedYet) {
                            return false; // the auto-created topic reaches the name server in the background
                        }
                    });

            Expected expected = new Expected();
            for (int i = 0; i < 24; i++) {
                Message m = order(topic, "order-" + i, i % 2 == 0 ? "eu" : "us", i % 3 == 0 ? "urgent" : "normal");
                SendResult r = send(env, producer, m, null);
                results.add(r);
                if (i % 6 == 0) {
                    expected.add(new Fingerprint(m.getKeys(), body(m), r.getMsgId()), r);
                }
            }
            // A matching message last in every queue: once the consumer has acknowledged it, it has seen
            // everything before it, without waiting out a long poll.
            for (MessageQueue q : env.publishQueues(producer, topic)) {
                Message m = order(topic, "order-tail-" + q.getQueueId(), "eu", "urgent");
                SendResult r = send(env, producer, m, q);
                results.add(r);
                expected.add(new Fingerprint(m.getKeys(), body(m), r.getMsgId()), r);
            }

            Inbox inbox = new Inbox();
            DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
            consumer.subscribe(topic, CLASS_NAME, SOURCE);
            // Small pulls: some examine only non-matching messages and are answered PULL_RETRY_IMMEDIATELY,
            // whose nextBeginOffset must move the consumer past them.
            consumer.setPullBatchSize(4);
            consumer.registerMessageListener(inbox.recordingListener());
            Inbox hostileInbox = new Inbox();
            String hostileGroup = env.uniqueName("CG");
            DefaultMQPushConsumer hostile = env.pushConsumer(hostileGroup);
            hostile.subscribe(topic, CLASS_NAME, HOSTILE);
            hostile.registerMessageListener(hostileInbox.recordingListener());
            hostile.start();
            consumer.start();

            inbox.awaitKeys(expected.keys(), TIMEOUT);
            Offsets.awaitConsumedUpTo(consumer, Offsets.nextOffsets(results), TIMEOUT);
            expected.assertExactly(inbox.snapshot(), env.brokerAddr());

            // The hostile consumer had the same time and got nothing; the filter server says why.
            assertEquals(0, hostileInbox.size(), () -> "hostile consumer received " + hostileInbox.snapshot());
            ClassFilterException refused = assertThrows(ClassFilterException.class,
                    () -> routes.pull(fs.address(), hostileGroup, topic, 0, 0, 32));
            assertTrue(refused.getMessage().contains(CLASS_NAME + " uses java.lang.System.exit"), refused.getMessage());
        }
    }

    private static Message order(String topic, String key, String region, String priority) {
        Message m = message(topic, "Order", key, key + " " + priority + " " + region);
        m.putUserProperty("region", region);
        return m;
    }

    private static String body(Message m) {
        return new String(m.getBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static SendResult send(CompatEnv env, DefaultMQProducer producer, Message m, MessageQueue q)
            throws Exception {
        SendResult r = q == null ? producer.send(m) : producer.send(m, q);
        assertSendOk(env, m.getTopic(), r);
        return r;
    }
}
