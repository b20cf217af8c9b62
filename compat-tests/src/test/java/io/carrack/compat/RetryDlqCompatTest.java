package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * RECONSUME_LATER sends a message back (CONSUMER_SEND_MSG_BACK), the broker redelivers it through
 * the group's retry topic, and after maxReconsumeTimes it lands in the group's DLQ.
 */
class RetryDlqCompatTest {

    private static final int MAX_RECONSUME_TIMES = 2;
    /** Delay level 1 (1 s) for every retry instead of 10 s, 30 s, ... */
    private static final int RETRY_DELAY_LEVEL = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    @CompatTest
    void failedMessageIsRetriedThenDeadLettered(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        String group = env.uniqueName("CG");
        DefaultMQProducer producer = env.startedProducer();
        Map<String, SendResult> sent = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            Message m = message(topic, "TagA", "retry-key-" + i, "retry body " + i);
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            sent.put(m.getKeys(), result);
        }

        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(group);
        consumer.setMaxReconsumeTimes(MAX_RECONSUME_TIMES);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            inbox.addAll(batch);
            context.setDelayLevelWhenNextConsume(RETRY_DELAY_LEVEL);
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        });
        consumer.start();

        String dlqTopic = MixAll.getDLQTopic(group);
        Map<String, MessageExt> dead = new TreeMap<>();
        for (Map.Entry<String, SendResult> e : sent.entrySet()) {
            dead.put(e.getKey(), Await.awaitValue(e.getKey() + " in " + dlqTopic, TIMEOUT, () -> {
                QueryResult found = producer.queryMessage(dlqTopic, e.getKey(), 32, 0, Long.MAX_VALUE);
                return found.getMessageList().size() == 1 ? found.getMessageList().get(0) : null;
            }));
        }

        // Each message was delivered 1 + MAX_RECONSUME_TIMES times, on its own topic, with its own id.
        Map<String, List<Integer>> attempts = new TreeMap<>();
        List<Integer> expectedAttempts = new ArrayList<>();
        for (int i = 0; i <= MAX_RECONSUME_TIMES; i++) {
            expectedAttempts.add(i);
        }
        Map<String, List<Integer>> wantAttempts = new TreeMap<>();
        for (MessageExt m : inbox.snapshot()) {
            attempts.computeIfAbsent(m.getKeys(), k -> new ArrayList<>()).add(m.getReconsumeTimes());
            assertEquals(topic, m.getTopic(), "a retried message is delivered under its original topic");
            assertEquals(sent.get(m.getKeys()).getMsgId(), m.getMsgId(), "a retried message keeps its msgId");
            assertEquals(Inbox.body(m), "retry body " + m.getKeys().substring("retry-key-".length()));
        }
        sent.keySet().forEach(k -> wantAttempts.put(k, expectedAttempts));
        attempts.values().forEach(list -> list.sort(null));
        assertEquals(wantAttempts, attempts, "reconsumeTimes of the deliveries, per key");

        for (Map.Entry<String, MessageExt> e : dead.entrySet()) {
            MessageExt m = e.getValue();
            String i = e.getKey().substring("retry-key-".length());
            assertEquals(dlqTopic, m.getTopic());
            assertEquals("retry body " + i, Inbox.body(m));
            assertEquals(topic, m.getProperty(MessageConst.PROPERTY_RETRY_TOPIC), "RETRY_TOPIC names the origin");
            assertEquals(sent.get(e.getKey()).getMsgId(), m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
                    "the dead letter keeps the client id");
            assertEquals(MAX_RECONSUME_TIMES + 1, m.getReconsumeTimes(), "reconsumeTimes of the dead letter");
        }
    }
}
