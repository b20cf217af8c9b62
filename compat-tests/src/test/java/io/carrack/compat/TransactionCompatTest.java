package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Inbox;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.admin.TopicOffset;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Transactions with the official 4.9.7 {@link TransactionMQProducer}: a committed message is consumed,
 * a rolled-back one never reaches its topic, and an unknown outcome is settled by the broker's
 * check-back (CHECK_TRANSACTION_STATE, answered with END_TRANSACTION from the check).
 */
class TransactionCompatTest {

    /** The state the local transaction reports for each message key; keys not listed commit. */
    private final Map<String, LocalTransactionState> outcomes = new ConcurrentHashMap<>();
    /** Check-backs received, by message key, with the transaction id they carried. */
    private final Map<String, String> checkedTransactionIds = new ConcurrentHashMap<>();
    private final AtomicInteger checks = new AtomicInteger();

    private TransactionMQProducer producer(CompatEnv env) throws Exception {
        TransactionMQProducer producer = new TransactionMQProducer(env.uniqueName("TPG"));
        producer.setNamesrvAddr(env.namesrvAddr());
        producer.setInstanceName(env.uniqueName("I"));
        producer.setPollNameServerInterval(CompatEnv.POLL_NAME_SERVER_INTERVAL_MS);
        producer.setHeartbeatBrokerInterval(CompatEnv.HEARTBEAT_INTERVAL_MS);
        producer.setVipChannelEnabled(false);
        producer.setRetryTimesWhenSendFailed(0);
        producer.setSendMsgTimeout(5000);
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return outcomes.getOrDefault(msg.getKeys(), LocalTransactionState.COMMIT_MESSAGE);
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                checks.incrementAndGet();
                checkedTransactionIds.put(msg.getKeys(), String.valueOf(msg.getTransactionId()));
                return LocalTransactionState.COMMIT_MESSAGE;
            }
        });
        producer.start();
        return producer;
    }

    private static long messagesIn(DefaultMQAdminExt admin, String topic) throws Exception {
        long total = 0;
        for (TopicOffset o : admin.examineTopicStats(topic).getOffsetTable().values()) {
            total += o.getMaxOffset() - o.getMinOffset();
        }
        return total;
    }

    @CompatTest
    void commitRollbackAndCheckBack(CompatEnv env) throws Exception {
        DefaultMQAdminExt admin = env.startedAdmin();
        // check-backs every second for half messages older than a second (defaults: 60 s and 6 s)
        Properties fast = new Properties();
        fast.setProperty("transactionCheckInterval", "1000");
        fast.setProperty("transactionTimeOut", "1000");
        admin.updateBrokerConfig(env.brokerAddr(), fast);

        String topic = env.uniqueName("T");
        // create the topic with a plain message first, so that the consumer has a route to subscribe to
        env.startedProducer().send(message(topic, "TagA", "plain", "plain body"));
        outcomes.put("rolled-back", LocalTransactionState.ROLLBACK_MESSAGE);
        outcomes.put("unknown", LocalTransactionState.UNKNOW);

        TransactionMQProducer producer = producer(env);
        try {
            TransactionSendResult rolledBack = producer.sendMessageInTransaction(
                    message(topic, "TagA", "rolled-back", "rolled-back body"), null);
            assertEquals(SendStatus.SEND_OK, rolledBack.getSendStatus());
            assertEquals(LocalTransactionState.ROLLBACK_MESSAGE, rolledBack.getLocalTransactionState());
            TransactionSendResult committed = producer.sendMessageInTransaction(
                    message(topic, "TagA", "committed", "committed body"), null);
            assertEquals(SendStatus.SEND_OK, committed.getSendStatus());
            assertEquals(LocalTransactionState.COMMIT_MESSAGE, committed.getLocalTransactionState());
            TransactionSendResult unknown = producer.sendMessageInTransaction(
                    message(topic, "TagA", "unknown", "unknown body"), null);
            assertEquals(LocalTransactionState.UNKNOW, unknown.getLocalTransactionState());

            Inbox inbox = new Inbox();
            DefaultMQPushConsumer consumer = env.pushConsumer(env.uniqueName("CG"));
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener(inbox.recordingListener());
            consumer.start();
            inbox.awaitKeys(Set.of("plain", "committed", "unknown"), TIMEOUT);

            Await.await("the check-back of the unknown transaction", TIMEOUT,
                    () -> checkedTransactionIds.containsKey("unknown"));
            assertEquals(unknown.getMsgId(), checkedTransactionIds.get("unknown"),
                    "the check carries the transaction id (UNIQ_KEY) of the half message");
            assertTrue(!checkedTransactionIds.containsKey("committed")
                    && !checkedTransactionIds.containsKey("rolled-back"), "closed transactions are not checked");

            List<MessageExt> got = inbox.snapshot();
            MessageExt committedMsg = got.stream().filter(m -> "committed".equals(m.getKeys())).findFirst().orElse(null);
            assertNotNull(committedMsg);
            assertEquals(committed.getMsgId(), committedMsg.getMsgId(), "UNIQ_KEY survives the commit");
            assertEquals(topic, committedMsg.getTopic());
            assertEquals(committed.getMessageQueue().getQueueId(), committedMsg.getQueueId(),
                    "committed to the queue the producer chose");
            assertEquals("committed body", Inbox.body(committedMsg));
            assertTrue(got.stream().noneMatch(m -> "rolled-back".equals(m.getKeys())), "rolled back: never delivered");
            assertEquals(3, messagesIn(admin, topic), "plain, committed and unknown-then-committed only");
            assertEquals(1, got.stream().filter(m -> "unknown".equals(m.getKeys())).count());
        } finally {
            producer.shutdown();
            Properties defaults = new Properties();
            defaults.setProperty("transactionCheckInterval", "60000");
            defaults.setProperty("transactionTimeOut", "6000");
            admin.updateBrokerConfig(env.brokerAddr(), defaults);
        }
    }
}
