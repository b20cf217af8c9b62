package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import io.carrack.compat.harness.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Tag subscriptions: a consumer of "TagA || TagB" gets those messages and no others. */
class TagFilterCompatTest {

    private static final String[] TAGS = {"TagA", "TagB", "TagC", null};

    @CompatTest
    void tagExpressionSelectsOnlyTheNamedTags(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        Expected expected = new Expected();
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String tag = TAGS[i % TAGS.length];
            Message m = message(topic, tag, "tag-key-" + i, "tag body " + i + " " + tag);
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            results.add(result);
            if ("TagA".equals(tag) || "TagB".equals(tag)) {
                expected.add(new Fingerprint(m.getKeys(), "tag body " + i + " " + tag, result.getMsgId()), result);
            }
        }
        // A TagA message last in every queue: once the consumer has acknowledged it, it has seen (and
        // the broker has filtered) everything before it, without waiting out a long poll.
        for (MessageQueue queue : env.publishQueues(producer, topic)) {
            Message m = message(topic, "TagA", "tag-last-" + queue.getQueueId(), "tag last " + queue.getQueueId());
            SendResult result = producer.send(m, queue);
            assertSendOk(env, topic, result);
            results.add(result);
            expected.add(new Fingerprint(m.getKeys(), "tag last " + queue.getQueueId(), result.getMsgId()), result);
        }
        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, "TagA || TagB");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        inbox.awaitKeys(expected.keys(), TIMEOUT);
        // Every queue consumed to its end (a TagA message): nothing more can come.
        Offsets.awaitConsumedUpTo(consumer, Offsets.nextOffsets(results), TIMEOUT);
        expected.assertExactly(inbox.snapshot(), env.brokerAddr());
        Set<String> tags = inbox.distinct(MessageExt::getTags);
        assertTrue(Set.of("TagA", "TagB").equals(tags), () -> "tags received: " + tags);
    }
}
