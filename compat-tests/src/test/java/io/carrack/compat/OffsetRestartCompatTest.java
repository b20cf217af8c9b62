package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import io.carrack.compat.harness.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Consumer offsets live on the broker: a clustering consumer that is shut down and replaced by a
 * new one of the same group resumes where the first stopped (even though new consumers of this
 * harness start from the first offset when the broker has none).
 */
class OffsetRestartCompatTest {

    private static final int BATCH = 10;

    @CompatTest
    void restartedGroupReceivesOnlyTheRest(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        String group = env.uniqueName("CG");
        DefaultMQProducer producer = env.startedProducer();
        Expected firstBatch = new Expected();
        List<SendResult> firstResults = new ArrayList<>();
        send(env, producer, topic, "first", firstBatch, firstResults);

        Inbox firstInbox = new Inbox();
        DefaultMQPushConsumer first = start(env, group, topic, firstInbox);
        firstBatch.assertReceivedExactly(firstInbox, env.brokerAddr(), TIMEOUT);
        Map<MessageQueue, Long> consumed = Offsets.nextOffsets(firstResults);
        Offsets.awaitConsumedUpTo(first, consumed, TIMEOUT);
        first.shutdown();
        for (Map.Entry<MessageQueue, Long> e : consumed.entrySet()) {
            Await.await("broker offset of " + group + " on queue " + e.getKey().getQueueId() + " = " + e.getValue(),
                    TIMEOUT, () -> {
                        try {
                            return Offsets.brokerOffset(producer, env.brokerAddr(), group, e.getKey()) == e.getValue();
                        } catch (Exception ex) {
                            return false;
                        }
                    });
        }

        Expected secondBatch = new Expected();
        send(env, producer, topic, "second", secondBatch, new ArrayList<>());
        Inbox secondInbox = new Inbox();
        start(env, group, topic, secondInbox);
        secondBatch.assertReceivedExactly(secondInbox, env.brokerAddr(), TIMEOUT);
    }

    private static void send(CompatEnv env, DefaultMQProducer producer, String topic, String prefix, Expected expected,
            List<SendResult> results) throws Exception {
        for (int i = 0; i < BATCH; i++) {
            Message m = message(topic, "TagA", prefix + "-key-" + i, prefix + " body " + i);
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            results.add(result);
            expected.add(new Fingerprint(m.getKeys(), prefix + " body " + i, result.getMsgId()), result);
        }
    }

    private static DefaultMQPushConsumer start(CompatEnv env, String group, String topic, Inbox inbox)
            throws Exception {
        DefaultMQPushConsumer consumer = env.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        return consumer;
    }
}
