package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/** Delay levels: a message sent with delay level 2 (5 s by default) reaches a live consumer no sooner. */
class DelayCompatTest {

    private static final int LEVEL = 2;
    private static final long DELAY_MS = 5000;
    /** Store timestamps have millisecond resolution; allow for rounding, nothing more. */
    private static final long CLOCK_SLACK_MS = 20;

    @CompatTest
    void delayedMessageArrivesNoEarlierThanItsDelay(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        SendResult created = producer.send(message(topic, "TagA", "probe-create", "probe"));
        assertSendOk(env, topic, created);
        List<MessageQueue> queues = env.publishQueues(producer, topic);
        Set<String> probes = new HashSet<>();
        probes.add("probe-create");
        for (MessageQueue queue : queues) {
            String key = "probe-" + queue.getQueueId();
            assertSendOk(env, topic, producer.send(message(topic, "TagA", key, "probe"), queue));
            probes.add(key);
        }

        Inbox inbox = new Inbox();
        Map<String, Long> arrivalNanos = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (batch, context) -> {
            long now = System.nanoTime();
            batch.forEach(m -> arrivalNanos.putIfAbsent(m.getKeys(), now));
            inbox.addAll(batch);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        // The consumer is pulling from every queue once it has a probe from each.
        inbox.awaitKeys(probes, TIMEOUT);

        Message delayed = message(topic, "TagA", "delayed", "delayed body");
        delayed.setDelayTimeLevel(LEVEL);
        long sentNanos = System.nanoTime();
        SendResult result = producer.send(delayed);
        assertSendOk(env, topic, result);
        Await.await("the delayed message", TIMEOUT, () -> arrivalNanos.containsKey("delayed"));

        long waitedMs = Duration.ofNanos(arrivalNanos.get("delayed") - sentNanos).toMillis();
        assertTrue(waitedMs >= DELAY_MS - CLOCK_SLACK_MS,
                "delay level " + LEVEL + " message arrived after " + waitedMs + " ms, expected >= " + DELAY_MS);
        List<MessageExt> got = inbox.snapshot().stream().filter(m -> "delayed".equals(m.getKeys())).toList();
        assertEquals(List.of(new Fingerprint("delayed", "delayed body", result.getMsgId())),
                got.stream().map(Fingerprint::of).toList(), "the delayed message, once");
        MessageExt m = got.get(0);
        assertEquals(topic, m.getTopic(), "delivered to its real topic");
        assertEquals(result.getMessageQueue().getQueueId(), m.getQueueId(), "delivered to its real queue");
        assertTrue(m.getStoreTimestamp() - m.getBornTimestamp() >= DELAY_MS - CLOCK_SLACK_MS,
                "stored in the real topic " + (m.getStoreTimestamp() - m.getBornTimestamp()) + " ms after birth");
    }
}
