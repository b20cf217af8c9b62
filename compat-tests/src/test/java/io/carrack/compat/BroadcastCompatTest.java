package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;

import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;

/** Broadcasting: every consumer of the group gets every message. */
class BroadcastCompatTest {

    @CompatTest
    void everyBroadcastingConsumerReceivesEveryMessage(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        for (int i = 0; i < 10; i++) {
            Message m = message(topic, "TagA", "bc-key-" + i, "broadcast body " + i);
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            expected.add(new Fingerprint(m.getKeys(), "broadcast body " + i, result.getMsgId()), result);
        }
        String group = env.uniqueName("CG");
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        start(env, group, topic, first);
        start(env, group, topic, second);
        expected.assertReceivedExactly(first, env.brokerAddr(), TIMEOUT);
        expected.assertReceivedExactly(second, env.brokerAddr(), TIMEOUT);
    }

    private static void start(CompatEnv env, String group, String topic, Inbox inbox) throws Exception {
        DefaultMQPushConsumer consumer = env.pushConsumer(group);
        consumer.setMessageModel(MessageModel.BROADCASTING);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
    }
}
