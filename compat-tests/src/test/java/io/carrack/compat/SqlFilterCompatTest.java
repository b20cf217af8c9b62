package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;

import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import io.carrack.compat.harness.Offsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * SQL92 property filters (broker with enablePropertyFilter=true): the broker alone filters (the
 * client does not re-check SQL), so the consumer must get exactly the matching messages.
 */
class SqlFilterCompatTest {

    private static final String[] COLORS = {"red", "blue", "green"};

    @CompatTest
    void sqlSelectorDeliversExactlyTheMatchingMessages(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String color = COLORS[i % COLORS.length];
            String tag = i % 2 == 0 ? "TagA" : "TagB";
            Message m = message(topic, tag, "sql-key-" + i, "sql body " + i);
            m.putUserProperty("a", Integer.toString(i));
            m.putUserProperty("color", color);
            if (i % 4 != 3) {
                m.putUserProperty("region", "eu");
            }
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            results.add(result);
            boolean match = (i >= 3 && i <= 14 && !color.equals("blue") && i % 4 != 3) || "TagB".equals(tag) && i > 15;
            if (match) {
                expected.add(new Fingerprint(m.getKeys(), "sql body " + i, result.getMsgId()), result);
            }
        }
        // A matching message last in every queue: once the consumer has acknowledged it, it has seen
        // (and the broker has filtered) everything before it, without waiting out a long poll.
        for (MessageQueue queue : env.publishQueues(producer, topic)) {
            Message m = message(topic, "TagB", "sql-last-" + queue.getQueueId(), "sql last " + queue.getQueueId());
            m.putUserProperty("a", "100");
            SendResult result = producer.send(m, queue);
            assertSendOk(env, topic, result);
            results.add(result);
            expected.add(new Fingerprint(m.getKeys(), "sql last " + queue.getQueueId(), result.getMsgId()), result);
        }
        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, MessageSelector.bySql(
                "(a BETWEEN 3 AND 14 AND color IN ('red', 'green') AND region IS NOT NULL)"
                        + " OR (TAGS = 'TagB' AND a > 15)"));
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        inbox.awaitKeys(expected.keys(), TIMEOUT);
        Offsets.awaitConsumedUpTo(consumer, Offsets.nextOffsets(results), TIMEOUT);
        expected.assertExactly(inbox.snapshot(), env.brokerAddr());
    }
}
