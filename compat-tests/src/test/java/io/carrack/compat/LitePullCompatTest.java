package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import io.carrack.compat.harness.Offsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/** DefaultLitePullConsumer in assign mode: assign every queue, seek, poll, commit. */
class LitePullCompatTest {

    private static final int PER_QUEUE = 5;
    private static final int SKIPPED = 2;

    @CompatTest
    void assignSeekPollCommit(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        List<SendResult> results = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        SendResult created = producer.send(message(topic, "TagA", "lp-create", "lp create"));
        assertSendOk(env, topic, created);
        results.add(created);
        keys.add("lp-create");
        Map<String, String> bodies = new HashMap<>();
        bodies.put("lp-create", "lp create");
        List<MessageQueue> queues = env.publishQueues(producer, topic);
        for (MessageQueue queue : queues) {
            for (int i = 0; i < PER_QUEUE; i++) {
                String key = "lp-" + queue.getQueueId() + "-" + i;
                String body = "lite pull " + queue.getQueueId() + "/" + i;
                SendResult result = producer.send(message(topic, "TagA", key, body), queue);
                assertSendOk(env, topic, result);
                assertEquals(queue, result.getMessageQueue());
                results.add(result);
                keys.add(key);
                bodies.put(key, body);
            }
        }
        // Everything but the first SKIPPED messages of the first queue, which the consumer seeks past.
        MessageQueue seeked = queues.get(0);
        Expected expected = new Expected();
        for (int i = 0; i < results.size(); i++) {
            SendResult r = results.get(i);
            boolean skipped = r.getMessageQueue().equals(seeked) && r.getQueueOffset() < SKIPPED;
            if (!skipped) {
                String key = keys.get(i);
                expected.add(new Fingerprint(key, bodies.get(key), r.getMsgId()), r);
            }
        }

        String group = env.uniqueName("CG");
        DefaultLitePullConsumer consumer = env.litePullConsumer(group);
        consumer.setAutoCommit(false);
        consumer.start();
        Collection<MessageQueue> fetched = Await.awaitValue("queues of " + topic, TIMEOUT,
                () -> consumer.fetchMessageQueues(topic));
        assertEquals(new TreeSet<>(queues), new TreeSet<>(fetched), "subscribe queues equal publish queues");
        // A store may index a message for its queue after acknowledging the send (mmap dispatches in the
        // background, as Apache RocketMQ's reput does): seek checks the offset against the queue's max offset.
        Map<MessageQueue, Long> sentUpTo = Offsets.nextOffsets(results);
        for (Map.Entry<MessageQueue, Long> e : sentUpTo.entrySet()) {
            Await.awaitValue("max offset of queue " + e.getKey().getQueueId() + " to reach " + e.getValue(), TIMEOUT,
                    () -> producer.maxOffset(e.getKey()) >= e.getValue() ? Boolean.TRUE : null);
        }
        consumer.assign(fetched);
        for (MessageQueue queue : fetched) {
            if (queue.equals(seeked)) {
                consumer.seek(queue, SKIPPED);
            } else {
                consumer.seekToBegin(queue);
            }
        }
        Inbox inbox = new Inbox();
        Await.await("lite pull of " + expected.size() + " messages", TIMEOUT, () -> {
            inbox.addAll(consumer.poll(200));
            return inbox.distinct(m -> m.getKeys()).containsAll(expected.keys());
        }, () -> "polled " + inbox.distinct(m -> m.getKeys()));
        expected.assertExactly(inbox.snapshot(), env.brokerAddr());

        consumer.commitSync();
        Map<MessageQueue, Long> next = Offsets.nextOffsets(results);
        for (MessageQueue queue : fetched) {
            long want = next.getOrDefault(queue, 0L);
            Await.await("committed offset of queue " + queue.getQueueId() + " to be " + want, TIMEOUT,
                    () -> {
                        try {
                            return consumer.committed(queue) == want;
                        } catch (Exception e) {
                            return false;
                        }
                    });
        }
    }
}
