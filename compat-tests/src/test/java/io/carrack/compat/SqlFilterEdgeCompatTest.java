package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL92 edge cases with the official 4.9.7 client: expressions the broker refuses make the
 * consumer's {@code start()} fail (the client sends CHECK_CLIENT_CONFIG for SQL92 subscriptions) with
 * the broker's reason and position, the lite pull consumer (which sends its expression with every
 * pull) gets exactly the matching set, and a broker without {@code enablePropertyFilter} is named as
 * the reason.
 */
class SqlFilterEdgeCompatTest {
    private static final int SUBSCRIPTION_PARSE_FAILED = 23;
    private static final int SYSTEM_ERROR = 1;
    private static final Duration WAIT = Duration.ofSeconds(40);

    /** Creates the topic with one message whose {@code a} is 100, so start() finds its route. */
    private static void createTopic(CompatEnv env, DefaultMQProducer producer, String topic) throws Exception {
        Message m = message(topic, "Init", "init", "init");
        m.putUserProperty("a", "100");
        assertSendOk(env, topic, producer.send(m));
        env.publishQueues(producer, topic);
    }

    private static MQClientException pushStartFailure(CompatEnv env, String topic, String expression)
            throws Exception {
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, MessageSelector.bySql(expression));
        consumer.registerMessageListener((List<MessageExt> msgs, org.apache.rocketmq.client.consumer.listener
                .ConsumeConcurrentlyContext ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        return assertThrows(MQClientException.class, consumer::start);
    }

    @CompatTest
    void syntaxErrorMakesPushConsumerStartFailWithItsPosition(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        createTopic(env, env.startedProducer(), topic);
        MQClientException e = pushStartFailure(env, topic, "a BETWEEN 1 AND");
        assertEquals(SUBSCRIPTION_PARSE_FAILED, e.getResponseCode(), e.getMessage());
        assertTrue(e.getErrorMessage().contains("but found end of input at position 15"), e.getErrorMessage());

        MQClientException unclosed = pushStartFailure(env, topic, "(a > 1 AND b = 'x'");
        assertEquals(SUBSCRIPTION_PARSE_FAILED, unclosed.getResponseCode(), unclosed.getMessage());
        assertTrue(unclosed.getErrorMessage().contains("Expected ')' to close the '(' at position 0"),
                unclosed.getErrorMessage());
    }

    @CompatTest
    void expressionsOverTheLengthOrDepthLimitMakeStartFail(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        createTopic(env, env.startedProducer(), topic);
        MQClientException tooLong = pushStartFailure(env, topic, "a = '" + "x".repeat(4100) + "'");
        assertEquals(SUBSCRIPTION_PARSE_FAILED, tooLong.getResponseCode(), tooLong.getMessage());
        assertTrue(tooLong.getErrorMessage().contains("the limit is 4096"), tooLong.getErrorMessage());
        MQClientException tooDeep = pushStartFailure(env, topic, "(".repeat(70) + "a = 1" + ")".repeat(70));
        assertEquals(SUBSCRIPTION_PARSE_FAILED, tooDeep.getResponseCode(), tooDeep.getMessage());
        assertTrue(tooDeep.getErrorMessage().contains("deeper than 64"), tooDeep.getErrorMessage());
    }

    @CompatTest
    void litePullConsumerStartFailsOnABadExpression(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        createTopic(env, env.startedProducer(), topic);
        DefaultLitePullConsumer consumer = env.litePullConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, MessageSelector.bySql("a >< 1"));
        MQClientException e = assertThrows(MQClientException.class, consumer::start);
        assertEquals(SUBSCRIPTION_PARSE_FAILED, e.getResponseCode(), e.getMessage());
        assertTrue(e.getErrorMessage().contains("at position 3"), e.getErrorMessage());
    }

    @CompatTest
    void litePullConsumerPollsExactlyTheMatchingSet(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        createTopic(env, producer, topic);
        Set<String> expected = new HashSet<>();
        for (int a = -2; a <= 6; a++) {
            Message m = message(topic, a % 2 == 0 ? "Even" : "Odd", "lp-" + a, "lite " + a);
            m.putUserProperty("a", Integer.toString(a));
            assertSendOk(env, topic, producer.send(m));
            if (a >= 0 && a <= 3 && a % 2 == 0) {
                expected.add("lp-" + a);
            }
        }
        for (MessageQueue q : env.publishQueues(producer, topic)) {
            Message m = message(topic, "Even", "lp-last-" + q.getQueueId(), "lite last");
            m.putUserProperty("a", "2");
            assertSendOk(env, topic, producer.send(m, q));
            expected.add("lp-last-" + q.getQueueId());
        }
        DefaultLitePullConsumer consumer = env.litePullConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, MessageSelector.bySql("a BETWEEN 0 AND 3 AND TAGS = 'Even'"));
        consumer.start();
        Set<String> got = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!got.containsAll(expected) && System.nanoTime() < deadline) {
            for (MessageExt m : consumer.poll(500)) {
                got.add(m.getKeys());
            }
        }
        assertEquals(expected, got);
    }

    /**
     * Not a {@link CompatTest}: the harness's broker has property filters on, so this starts its own
     * name server and broker (mmap store) with {@code enablePropertyFilter=false}.
     */
    @Test
    void startFailsOnABrokerWithoutEnablePropertyFilter(@TempDir Path tempDir) throws Exception {
        Path root = Files.createDirectories(tempDir.resolve("plain"));
        NamesrvConfig nc = new NamesrvConfig();
        nc.setBindAddress("127.0.0.1");
        nc.setListenPort(0);
        nc.setKvConfigPath(root.resolve("namesrv/kvConfig.json").toString());
        nc.setConfigStorePath(root.resolve("namesrv/namesrv.properties").toString());
        try (NameServer namesrv = new NameServer(nc)) {
            namesrv.start();
            String namesrvAddr = "127.0.0.1:" + namesrv.port();
            BrokerConfig bc = new BrokerConfig();
            bc.setBrokerName("broker-plain");
            bc.setBindAddress("127.0.0.1");
            bc.setBrokerIP1("127.0.0.1");
            bc.setListenPort(0);
            bc.setNamesrvAddr(namesrvAddr);
            bc.setStorePathRootDir(root.resolve("broker").toString());
            bc.setMappedFileSizeCommitLog(4 * 1024 * 1024);
            bc.setEnablePropertyFilter(false);
            try (Broker broker = new Broker(bc)) {
                broker.start();
                String topic = "T_plain_" + System.nanoTime();
                DefaultMQProducer producer = new DefaultMQProducer("PG_plain");
                configure(producer, namesrvAddr, "plain-producer");
                DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_plain");
                configure(consumer, namesrvAddr, "plain-consumer");
                try {
                    producer.start();
                    producer.send(new Message(topic, "Init", "init".getBytes(StandardCharsets.UTF_8)));
                    awaitRoute(producer, topic);
                    consumer.subscribe(topic, MessageSelector.bySql("a BETWEEN 0 AND 3"));
                    consumer.registerMessageListener((List<MessageExt> msgs, org.apache.rocketmq.client.consumer
                            .listener.ConsumeConcurrentlyContext ctx) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
                    MQClientException e = assertThrows(MQClientException.class, consumer::start);
                    assertEquals(SYSTEM_ERROR, e.getResponseCode(), e.getMessage());
                    assertTrue(e.getErrorMessage().startsWith(
                            "The broker does not support consumer to filter message by SQL92"), e.getErrorMessage());
                    assertTrue(e.getErrorMessage().contains("enablePropertyFilter=false"), e.getErrorMessage());
                } finally {
                    consumer.shutdown();
                    producer.shutdown();
                }
            }
        }
    }

    /** Waits (bounded) until the name server routes the auto-created topic, so start() can check it. */
    private static void awaitRoute(DefaultMQProducer producer, String topic) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (!producer.fetchPublishMessageQueues(topic).isEmpty()) {
                    return;
                }
            } catch (MQClientException e) {
                // not routed yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no route of " + topic);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    private static void configure(ClientConfig client, String namesrvAddr, String instance) {
        client.setNamesrvAddr(namesrvAddr);
        client.setInstanceName(instance + "-" + System.nanoTime());
        client.setPollNameServerInterval(CompatEnv.POLL_NAME_SERVER_INTERVAL_MS);
        client.setHeartbeatBrokerInterval(CompatEnv.HEARTBEAT_INTERVAL_MS);
        client.setVipChannelEnabled(false);
    }
}
