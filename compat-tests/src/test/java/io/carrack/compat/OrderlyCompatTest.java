package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Expected;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Ordered messages: a producer puts each order's messages into one queue with a
 * {@link MessageQueueSelector}; an orderly consumer (which locks its queues on the broker) must see
 * each order's messages in sending order.
 */
class OrderlyCompatTest {

    private static final int ORDERS = 4;
    private static final int STEPS = 8;

    @CompatTest
    void orderlyConsumerSeesEachOrdersMessagesInSendingOrder(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        // Create the topic first, so the selector sees its real queues.
        SendResult created = producer.send(message(topic, "TagA", "create", "create"));
        assertSendOk(env, topic, created);
        Expected expected = new Expected();
        expected.add(new Fingerprint("create", "create", created.getMsgId()), created);

        MessageQueueSelector byOrder = (queues, msg, arg) -> queues.get((Integer) arg % queues.size());
        Map<String, Integer> queueOfOrder = new HashMap<>();
        for (int step = 0; step < STEPS; step++) {
            for (int order = 0; order < ORDERS; order++) {
                String orderId = "order-" + order;
                Message m = message(topic, "TagA", orderId + "-" + step, orderId + ":" + step);
                SendResult result = producer.send(m, byOrder, order);
                assertSendOk(env, topic, result);
                Integer previous = queueOfOrder.putIfAbsent(orderId, result.getMessageQueue().getQueueId());
                if (previous != null) {
                    assertEquals(previous, result.getMessageQueue().getQueueId(), "selector keeps an order in one queue");
                }
                expected.add(new Fingerprint(m.getKeys(), orderId + ":" + step, result.getMsgId()), result);
            }
        }

        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (batch, context) -> {
            inbox.addAll(batch);
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();

        expected.assertReceivedExactly(inbox, env.brokerAddr(), TIMEOUT);
        Map<String, List<String>> stepsByOrder = new TreeMap<>();
        for (MessageExt m : inbox.snapshot()) {
            String body = Inbox.body(m);
            if (body.startsWith("order-")) {
                String[] parts = body.split(":");
                stepsByOrder.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        }
        List<String> inOrder = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            inOrder.add(Integer.toString(step));
        }
        Map<String, List<String>> want = new TreeMap<>();
        for (int order = 0; order < ORDERS; order++) {
            want.put("order-" + order, inOrder);
        }
        assertEquals(want, stepsByOrder, "per-order consumption order");
    }
}
