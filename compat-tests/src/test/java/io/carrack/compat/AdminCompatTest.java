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
import io.carrack.compat.harness.Offsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.TopicOffset;
import org.apache.rocketmq.common.admin.TopicStatsTable;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/** What mqadmin does, through its API (DefaultMQAdminExt): cluster list, topic creation, statistics. */
class AdminCompatTest {

    @CompatTest
    void clusterListShowsTheBroker(CompatEnv env) throws Exception {
        DefaultMQAdminExt admin = env.startedAdmin();
        ClusterInfo info = admin.examineBrokerClusterInfo();
        assertEquals(Map.of(env.clusterName(), Set.of(env.brokerName())), info.getClusterAddrTable());
        BrokerData broker = info.getBrokerAddrTable().get(env.brokerName());
        assertEquals(env.clusterName(), broker.getCluster());
        assertEquals(Map.of(0L, env.brokerAddr()), new HashMap<>(broker.getBrokerAddrs()));
    }

    @CompatTest
    void createdTopicIsRoutedWithItsQueueCountsAndListed(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQAdminExt admin = env.startedAdmin();
        admin.createAndUpdateTopicConfig(env.brokerAddr(), new TopicConfig(topic, 3, 2, 6));
        TopicRouteData route = Await.awaitValue("route of " + topic, TIMEOUT, () -> admin.examineTopicRouteInfo(topic));
        assertEquals(1, route.getQueueDatas().size(), () -> "queue data " + route.getQueueDatas());
        QueueData queues = route.getQueueDatas().get(0);
        assertEquals(env.brokerName(), queues.getBrokerName());
        assertEquals(3, queues.getReadQueueNums());
        assertEquals(2, queues.getWriteQueueNums());
        assertEquals(6, queues.getPerm());
        assertEquals(1, route.getBrokerDatas().size());
        assertEquals(env.brokerAddr(), route.getBrokerDatas().get(0).getBrokerAddrs().get(0L));
        assertTrue(admin.fetchAllTopicList().getTopicList().contains(topic), "topic list contains " + topic);

        DefaultMQProducer producer = env.startedProducer();
        List<MessageQueue> publish = Await.awaitValue("publish queues", TIMEOUT,
                () -> producer.fetchPublishMessageQueues(topic));
        assertEquals(2, publish.size(), () -> "publish queues " + publish);
    }

    private static Map<Integer, Long> maxOffsets(TopicStatsTable stats) {
        Map<Integer, Long> maxOffsets = new TreeMap<>();
        for (Map.Entry<MessageQueue, TopicOffset> e : stats.getOffsetTable().entrySet()) {
            assertEquals(0, e.getValue().getMinOffset(), "min offset of " + e.getKey());
            if (e.getValue().getMaxOffset() > 0) {
                maxOffsets.put(e.getKey().getQueueId(), e.getValue().getMaxOffset());
            }
        }
        return maxOffsets;
    }

    @CompatTest
    void topicAndConsumeStatsCountMessages(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        String group = env.uniqueName("CG");
        DefaultMQProducer producer = env.startedProducer();
        Map<Integer, Long> perQueue = new TreeMap<>();
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            SendResult result = producer.send(message(topic, "TagA", "stats-" + i, "stats " + i));
            assertSendOk(env, topic, result);
            results.add(result);
            perQueue.merge(result.getMessageQueue().getQueueId(), 1L, Long::sum);
        }
        DefaultMQAdminExt admin = env.startedAdmin();
        // The broker may index a message shortly after acknowledging it: wait for the counts to settle.
        Map<Integer, Long> maxOffsets = Await.awaitValue("topic stats of " + topic + " to count " + perQueue, TIMEOUT,
                () -> {
                    Map<Integer, Long> max = maxOffsets(admin.examineTopicStats(topic));
                    return max.equals(perQueue) ? max : null;
                });
        assertEquals(perQueue, maxOffsets, "max offset per queue = messages sent to it");

        Map<MessageQueue, Long> nextOffsets = Offsets.nextOffsets(results);
        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        inbox.awaitSize(9, TIMEOUT);
        // Shutting down persists the consumer's offsets on the broker (else the client's first
        // periodic persist comes 10 s after start).
        Offsets.awaitConsumedUpTo(consumer, nextOffsets, TIMEOUT);
        consumer.shutdown();
        ConsumeStats consumeStats = Await.awaitValue("consume stats of " + group + " without lag", TIMEOUT, () -> {
            ConsumeStats s = admin.examineConsumeStats(group);
            boolean hasTopic = s.getOffsetTable().keySet().stream().anyMatch(q -> topic.equals(q.getTopic()));
            return s.computeTotalDiff() == 0 && hasTopic ? s : null;
        });
        Map<Integer, Long> consumerOffsets = new TreeMap<>();
        consumeStats.getOffsetTable().forEach((q, w) -> {
            if (!topic.equals(q.getTopic())) {
                return; // the group's retry topic
            }
            assertEquals(w.getBrokerOffset(), w.getConsumerOffset(), "consumer offset of " + q);
            if (w.getConsumerOffset() > 0) {
                consumerOffsets.put(q.getQueueId(), w.getConsumerOffset());
            }
        });
        assertEquals(perQueue, consumerOffsets, "consumer offsets per queue");
    }
}
