package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.heartbeat;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ConsumeStats;
import io.carrack.remoting.protocol.body.GroupList;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import io.carrack.remoting.protocol.body.SubscriptionGroupWrapper;
import io.carrack.remoting.protocol.body.TopicStatsTable;
import io.carrack.remoting.protocol.route.KVTable;
import io.carrack.remoting.protocol.route.TopicConfigSerializeWrapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminIntegrationTest {
    @TempDir
    java.nio.file.Path dir;
    BrokerHarness h;

    @BeforeEach
    void start() {
        h = new BrokerHarness(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static RemotingCommand createTopic(String topic, int queues) {
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC).field("topic", topic)
                .field("defaultTopic", "TBW102").field("readQueueNums", queues).field("writeQueueNums", queues)
                .field("perm", 6).field("topicFilterType", "SINGLE_TAG").field("topicSysFlag", 0).field("order", false);
    }

    @Test
    void createdTopicIsListedRoutedPersistedAndDeletable() {
        assertEquals(ResponseCode.SUCCESS, h.call(createTopic("AdminT", 3)).code());
        RemotingCommand route = h.callNamesrv(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .field("topic", "AdminT"));
        assertEquals(ResponseCode.SUCCESS, route.code(), "route must be visible right after creation");
        TopicConfigSerializeWrapper all = Json.fromBytes(h.call(RemotingCommand.request(
                RequestCode.GET_ALL_TOPIC_CONFIG)).body(), TopicConfigSerializeWrapper.class);
        TopicConfig tc = all.getTopicConfigTable().get("AdminT");
        assertEquals(3, tc.getWriteQueueNums());
        assertTrue(all.getTopicConfigTable().containsKey("TBW102"));
        assertEquals(7, all.getTopicConfigTable().get("TBW102").getPerm());
        assertTrue(all.getTopicConfigTable().containsKey("SCHEDULE_TOPIC_XXXX"));
        assertTrue(all.getTopicConfigTable().containsKey("TestCluster"));
        assertTrue(all.getTopicConfigTable().containsKey("broker-a"));
        h.restartBroker();
        assertEquals(3, h.broker.context().topics().select("AdminT").getReadQueueNums());
        assertEquals(ResponseCode.SUCCESS, h.call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .field("topic", "AdminT")).code());
        assertEquals(null, h.broker.context().topics().select("AdminT"));
        assertEquals(ResponseCode.SYSTEM_ERROR, h.call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .field("topic", "SCHEDULE_TOPIC_XXXX")).code());
        RemotingCommand conflict = h.call(createTopic("TBW102", 4));
        assertEquals(ResponseCode.SYSTEM_ERROR, conflict.code());
        assertEquals("The topic[TBW102] is conflict with system topic.", conflict.remark());
    }

    @Test
    void topicStatsAndConsumeStats() {
        h.call(createTopic("StatT", 2));
        for (int i = 0; i < 3; i++) {
            h.call(sendV2("StatT", 1, "", new byte[] {1}));
        }
        BrokerHarness.await("3 messages", Duration.ofSeconds(5), () -> "3".equals(h.call(RemotingCommand
                .request(RequestCode.GET_MAX_OFFSET).field("topic", "StatT").field("queueId", 1)).field("offset")));
        TopicStatsTable stats = Json.fromBytes(h.call(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                .field("topic", "StatT")).body(), TopicStatsTable.class);
        assertEquals(2, stats.getOffsetTable().size());
        assertEquals(3, stats.getOffsetTable().get(new MessageQueue("StatT", "broker-a", 1)).getMaxOffset());
        assertTrue(stats.getOffsetTable().get(new MessageQueue("StatT", "broker-a", 1)).getLastUpdateTimestamp() > 0);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, h.call(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
                .field("topic", "None")).code());

        h.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).field("consumerGroup", "SG")
                .field("topic", "StatT").field("queueId", 1).field("commitOffset", 2));
        ConsumeStats cs = Json.fromBytes(h.call(RemotingCommand.request(RequestCode.GET_CONSUME_STATS)
                .field("consumerGroup", "SG")).body(), ConsumeStats.class);
        assertEquals(2, cs.getOffsetTable().size());
        assertEquals(1, cs.computeTotalDiff());
        GroupList groups = Json.fromBytes(h.call(RemotingCommand.request(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO)
                .field("topic", "StatT")).body(), GroupList.class);
        assertTrue(groups.getGroupList().contains("SG"));
    }

    @Test
    void subscriptionGroupsCanBeCreatedListedAndDeleted() {
        SubscriptionGroupConfig c = SubscriptionGroupConfig.defaults("AdminG");
        c.setRetryMaxTimes(3);
        assertEquals(ResponseCode.SUCCESS, h.call(RemotingCommand.request(
                RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).body(Json.toBytes(c))).code());
        SubscriptionGroupWrapper all = Json.fromBytes(h.call(RemotingCommand.request(
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body(), SubscriptionGroupWrapper.class);
        assertEquals(3, all.getSubscriptionGroupTable().get("AdminG").getRetryMaxTimes());
        assertEquals(ResponseCode.SUCCESS, h.call(RemotingCommand.request(RequestCode.DELETE_SUBSCRIPTIONGROUP)
                .field("groupName", "AdminG").field("removeOffset", true)).code());
        assertEquals(null, h.broker.context().groups().select("AdminG"));
    }

    @Test
    void producerConnectionsRuntimeInfoAndBrokerConfig() {
        h.call(heartbeat("127.0.0.1@p", null));
        RemotingCommand pc = h.call(RemotingCommand.request(RequestCode.GET_PRODUCER_CONNECTION_LIST)
                .field("producerGroup", "CLIENT_INNER_PRODUCER"));
        assertEquals(ResponseCode.SUCCESS, pc.code());
        assertEquals(ResponseCode.SYSTEM_ERROR, h.call(RemotingCommand.request(
                RequestCode.GET_PRODUCER_CONNECTION_LIST).field("producerGroup", "none")).code());

        KVTable info = Json.fromBytes(h.call(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO)).body(),
                KVTable.class);
        for (String key : new String[] {"brokerVersionDesc", "putTps", "getTransferedTps", "sendThreadPoolQueueSize",
            "pullThreadPoolQueueSize", "earliestMessageTimeStamp", "commitLogDiskRatio", "msgPutTotalTodayNow"}) {
            assertTrue(info.getTable().containsKey(key), key);
        }
        assertEquals(3, info.getTable().get("putTps").split(" ").length);

        RemotingCommand update = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("brokerPermission=4\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, h.call(update).code());
        RemotingCommand cfg = h.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));
        String text = new String(cfg.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("brokerPermission=4"), text);
        assertTrue(text.contains("brokerClusterName=TestCluster"));
        assertTrue(cfg.field("version").contains("counter"));
        RemotingCommand bad = RemotingCommand.request(RequestCode.UPDATE_BROKER_CONFIG)
                .body("listenPort=abc\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand refused = h.call(bad);
        assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
        assertTrue(refused.remark().contains("listenPort"), refused.remark());
        // a read-only broker re-registers every topic with its own permission
        BrokerHarness.await("read-only route", Duration.ofSeconds(5), () -> {
            RemotingCommand route = h.callNamesrv(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                    .field("topic", "TBW102"));
            return route.code() == ResponseCode.SUCCESS && Json.fromBytes(route.body(),
                    io.carrack.remoting.protocol.route.TopicRouteData.class).getQueueDatas().get(0).getPerm() == 4;
        });
    }
}
