package io.carrack.compat;

import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;

/**
 * Sync, async, one-way and batch sends to an auto-created topic, each consumed by a clustering
 * push consumer: the consumer must get exactly the sent messages, where the broker said it put them.
 */
class SendConsumeCompatTest {

    static final int COUNT = 8;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @CompatTest
    void syncSendThenPushConsume(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        for (int i = 0; i < COUNT; i++) {
            Message m = message(topic, "TagA", "sync-key-" + i, "sync body " + i);
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            assertEquals(MessageClientIDSetter.getUniqID(m), result.getMsgId(), "send result msgId is the UNIQ_KEY");
            expected.add(new Fingerprint(m.getKeys(), "sync body " + i, result.getMsgId()), result);
        }
        consumeAndCheck(env, topic, expected);
    }

    @CompatTest
    void asyncSendThenPushConsume(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        // The first send creates the topic; async sends then go to a topic that exists.
        Expected expected = new Expected();
        Message first = message(topic, "TagA", "async-key-first", "async body first");
        SendResult firstResult = producer.send(first);
        assertSendOk(env, topic, firstResult);
        expected.add(new Fingerprint(first.getKeys(), "async body first", firstResult.getMsgId()), firstResult);

        Map<String, SendResult> results = new ConcurrentHashMap<>();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Message> sent = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Message m = message(topic, "TagA", "async-key-" + i, "async body " + i);
            sent.add(m);
            producer.send(m, new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    results.put(m.getKeys(), sendResult);
                    done.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    failures.put(m.getKeys(), e);
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "async send callbacks");
        assertTrue(failures.isEmpty(), () -> "async sends failed: " + failures);
        for (int i = 0; i < COUNT; i++) {
            Message m = sent.get(i);
            SendResult result = results.get(m.getKeys());
            assertSendOk(env, topic, result);
            assertEquals(MessageClientIDSetter.getUniqID(m), result.getMsgId());
            expected.add(new Fingerprint(m.getKeys(), "async body " + i, result.getMsgId()), result);
        }
        consumeAndCheck(env, topic, expected);
    }

    @CompatTest
    void onewaySendThenPushConsume(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        Message first = message(topic, "TagA", "oneway-key-first", "oneway body first");
        SendResult firstResult = producer.send(first);
        assertSendOk(env, topic, firstResult);
        expected.add(new Fingerprint(first.getKeys(), "oneway body first", firstResult.getMsgId()), firstResult);
        for (int i = 0; i < COUNT; i++) {
            Message m = message(topic, "TagA", "oneway-key-" + i, "oneway body " + i);
            producer.sendOneway(m);
            String uniqId = MessageClientIDSetter.getUniqID(m);
            assertNotNull(uniqId, "the client sets UNIQ_KEY before a one-way send");
            expected.add(new Fingerprint(m.getKeys(), "oneway body " + i, uniqId));
        }
        consumeAndCheck(env, topic, expected);
    }

    @CompatTest
    void batchSendThenPushConsume(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        Message first = message(topic, "TagA", "batch-key-first", "batch body first");
        SendResult firstResult = producer.send(first);
        assertSendOk(env, topic, firstResult);
        expected.add(new Fingerprint(first.getKeys(), "batch body first", firstResult.getMsgId()), firstResult);

        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            batch.add(message(topic, "TagA", "batch-key-" + i, "batch body " + i));
        }
        SendResult result = producer.send(batch);
        assertSendOk(env, topic, result);
        String[] msgIds = result.getMsgId().split(",");
        String[] offsetMsgIds = result.getOffsetMsgId().split(",");
        assertEquals(COUNT, msgIds.length, "one client id per batched message: " + result.getMsgId());
        assertEquals(COUNT, offsetMsgIds.length, "one offset id per batched message: " + result.getOffsetMsgId());
        for (int i = 0; i < COUNT; i++) {
            Message m = batch.get(i);
            assertEquals(MessageClientIDSetter.getUniqID(m), msgIds[i], "batch msgId order");
            expected.add(new Fingerprint(m.getKeys(), "batch body " + i, msgIds[i]),
                    new Expected.Placement(result.getMessageQueue().getQueueId(), result.getQueueOffset() + i,
                            offsetMsgIds[i]));
        }
        consumeAndCheck(env, topic, expected);
    }

    static void assertSendOk(CompatEnv env, String topic, SendResult result) {
        assertNotNull(result, "send result");
        assertEquals(SendStatus.SEND_OK, result.getSendStatus(), () -> "send status: " + result);
        assertEquals(topic, result.getMessageQueue().getTopic());
        assertEquals(env.brokerName(), result.getMessageQueue().getBrokerName());
        assertEquals(env.brokerAddr(), Expected.storeHostOf(result.getOffsetMsgId().split(",")[0]),
                () -> "offset msg id names the broker: " + result);
    }

    static void consumeAndCheck(CompatEnv env, String topic, Expected expected) throws Exception {
        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        expected.assertReceivedExactly(inbox, env.brokerAddr(), TIMEOUT);
        inbox.snapshot().forEach(m -> assertEquals(topic, m.getTopic()));
    }
}
