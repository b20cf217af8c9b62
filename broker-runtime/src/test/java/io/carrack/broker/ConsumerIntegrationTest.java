package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.heartbeat;
import static io.carrack.broker.BrokerHarness.props;
import static io.carrack.broker.BrokerHarness.pull;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ConsumerConnection;
import io.carrack.remoting.protocol.body.ConsumerListBody;
import io.carrack.remoting.protocol.body.LockBatchRequestBody;
import io.carrack.remoting.protocol.body.LockBatchResponseBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerIntegrationTest {
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

    @Test
    void heartbeatCreatesRetryTopicRoutedAtOnceAndListsTheConsumer() {
        RemotingCommand r = h.call(heartbeat("127.0.0.1@c1", "CG1", "TopicA", "%RETRY%CG1"));
        assertEquals(ResponseCode.SUCCESS, r.code());
        assertTrue(r.version() >= 232, "broker version " + r.version());
        RemotingCommand route = h.callNamesrv(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .field("topic", "%RETRY%CG1"));
        assertEquals(ResponseCode.SUCCESS, route.code(), "retry topic route must exist right after the heartbeat");
        RemotingCommand list = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .field("consumerGroup", "CG1"));
        assertEquals(ResponseCode.SUCCESS, list.code());
        assertEquals(List.of("127.0.0.1@c1"), Json.fromBytes(list.body(), ConsumerListBody.class).getConsumerIdList());
        RemotingCommand conn = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_CONNECTION_LIST)
                .field("consumerGroup", "CG1"));
        assertEquals(ResponseCode.SUCCESS, conn.code());
        ConsumerConnection cc = Json.fromBytes(conn.body(), ConsumerConnection.class);
        assertEquals(1, cc.getConnectionSet().size());
        assertTrue(cc.getSubscriptionTable().containsKey("TopicA"));
        RemotingCommand unknown = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .field("consumerGroup", "Nobody"));
        assertEquals(ResponseCode.SYSTEM_ERROR, unknown.code());
        assertEquals("no consumer for this group, Nobody", unknown.remark());
    }

    @Test
    void secondConsumerJoiningNotifiesTheFirstAndClosingRemovesIt() throws Exception {
        CountDownLatch notified = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try (RemotingClient other = Remoting.newClient(ClientConfig.defaults())) {
            h.client.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (ch, req) -> {
                if ("CG2".equals(req.field("consumerGroup"))) {
                    notified.countDown();
                }
                return null;
            }, ex);
            h.call(heartbeat("127.0.0.1@first", "CG2", "TopicB"));
            RemotingCommand r = other.invokeSync(h.brokerAddr, heartbeat("127.0.0.1@second", "CG2", "TopicB"), 5000);
            assertEquals(ResponseCode.SUCCESS, r.code());
            assertTrue(notified.await(5, TimeUnit.SECONDS), "first consumer was not notified");
            RemotingCommand list = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                    .field("consumerGroup", "CG2"));
            assertEquals(Set.of("127.0.0.1@first", "127.0.0.1@second"),
                    Set.copyOf(Json.fromBytes(list.body(), ConsumerListBody.class).getConsumerIdList()));
        }
        BrokerHarness.await("closed consumer removed", Duration.ofSeconds(5), () -> {
            RemotingCommand list = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                    .field("consumerGroup", "CG2"));
            return list.code() == ResponseCode.SUCCESS
                    && Json.fromBytes(list.body(), ConsumerListBody.class).getConsumerIdList()
                    .equals(List.of("127.0.0.1@first"));
        });
        ex.shutdownNow();
    }

    @Test
    void pullWithoutSubscriptionUsesTheHeartbeatOne() {
        h.call(sendV2("TopicC", 0, props("TAGS", "x"), new byte[] {1}));
        awaitMax("TopicC", 0, 1);
        RemotingCommand hb = heartbeat("127.0.0.1@c3", "CG3");
        io.carrack.remoting.protocol.body.HeartbeatData data = Json.fromBytes(hb.body(),
                io.carrack.remoting.protocol.body.HeartbeatData.class);
        data.getConsumerDataSet().iterator().next().getSubscriptionDataSet()
                .add(io.carrack.remoting.protocol.body.SubscriptionData.of("TopicC", "y", "TAG", 5));
        h.call(hb.body(Json.toBytes(data)));
        RemotingCommand r = h.call(pull("CG3", "TopicC", 0, 0, 0x2, 0, null));
        assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, r.code(), "tag y must not match x");
        RemotingCommand stale = pull("CG3", "TopicC", 0, 0, 0, 0, null);
        stale.field("subVersion", 6);
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_LATEST, h.call(stale).code());
    }

    @Test
    void offsetsAreQueriedUpdatedAndSurviveRestart() {
        RemotingCommand notFound = h.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .field("consumerGroup", "CG4").field("topic", "TopicD").field("queueId", 0));
        assertEquals(ResponseCode.SUCCESS, notFound.code(), "a young empty queue starts at 0");
        assertEquals("0", notFound.field("offset"));
        RemotingCommand update = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .field("consumerGroup", "CG4").field("topic", "TopicD").field("queueId", 0).field("commitOffset", 42);
        h.client.invokeOneway(h.brokerAddr, update.markOneway(), 3000);
        BrokerHarness.await("oneway offset update", Duration.ofSeconds(5), () -> "42".equals(
                h.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET).field("consumerGroup", "CG4")
                        .field("topic", "TopicD").field("queueId", 0)).field("offset")));
        h.restartBroker();
        RemotingCommand after = h.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .field("consumerGroup", "CG4").field("topic", "TopicD").field("queueId", 0));
        assertEquals("42", after.field("offset"));
        assertTrue(java.nio.file.Files.exists(dir.resolve("broker/config/consumerOffset.json")));
    }

    @Test
    void maxMinAndTimestampLookups() {
        long before = h.clock.millis();
        for (int i = 0; i < 3; i++) {
            h.call(sendV2("TopicE", 0, "", new byte[] {(byte) i}));
        }
        awaitMax("TopicE", 0, 3);
        assertEquals("3", h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET).field("topic", "TopicE")
                .field("queueId", 0)).field("offset"));
        assertEquals("0", h.call(RemotingCommand.request(RequestCode.GET_MIN_OFFSET).field("topic", "TopicE")
                .field("queueId", 0)).field("offset"));
        long earliest = Long.parseLong(h.call(RemotingCommand.request(RequestCode.GET_EARLIEST_MSG_STORETIME)
                .field("topic", "TopicE").field("queueId", 0)).field("timestamp"));
        assertTrue(earliest >= before, "earliest " + earliest + " before " + before);
        assertEquals("0", h.call(RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
                .field("topic", "TopicE").field("queueId", 0).field("timestamp", before - 1000)).field("offset"));
        assertEquals("0", h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET).field("topic", "Nope")
                .field("queueId", 0)).field("offset"));
    }

    @Test
    void locksGoToOneClientUntilReleased() {
        MessageQueue mq = new MessageQueue("TopicF", "broker-a", 0);
        assertEquals(Set.of(mq), lock("c1", mq));
        assertEquals(Set.of(), lock("c2", mq));
        assertEquals(Set.of(mq), lock("c1", mq));
        LockBatchRequestBody unlock = new LockBatchRequestBody();
        unlock.setClientId("c1");
        unlock.setConsumerGroup("OG");
        unlock.setMqSet(Set.of(mq));
        assertEquals(ResponseCode.SUCCESS, h.call(RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ)
                .body(Json.toBytes(unlock))).code());
        assertEquals(Set.of(mq), lock("c2", mq));
    }

    private Set<MessageQueue> lock(String clientId, MessageQueue mq) {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setClientId(clientId);
        body.setConsumerGroup("OG");
        body.setMqSet(Set.of(mq));
        RemotingCommand r = h.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).body(Json.toBytes(body)));
        assertEquals(ResponseCode.SUCCESS, r.code());
        return Json.fromBytes(r.body(), LockBatchResponseBody.class).getLockOKMQSet();
    }

    @Test
    void sendBackGoesThroughScheduleToRetryTopicThenToDlq() {
        RemotingCommand sent = h.call(sendV2("TopicG", 0, props("TAGS", "t", "UNIQ_KEY", "UG"),
                "payload".getBytes(StandardCharsets.UTF_8)));
        String offsetId = sent.field("msgId");
        long offset = MessageIds.decodeOffsetId(offsetId).physicalOffset();
        h.call(heartbeat("127.0.0.1@g", "CGG", "TopicG", "%RETRY%CGG"));
        RemotingCommand back = h.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .field("offset", offset).field("group", "CGG").field("delayLevel", 0).field("originMsgId", "UG")
                .field("originTopic", "TopicG").field("unitMode", false).field("maxReconsumeTimes", 16));
        assertEquals(ResponseCode.SUCCESS, back.code(), back.remark());
        // level 3 + 0 reconsumes = queue 2 of the schedule topic
        BrokerHarness.await("scheduled copy", Duration.ofSeconds(5), () ->
                h.call(pull("SCHED", "SCHEDULE_TOPIC_XXXX", 2, 0, 0x4, 0, "*")).code() == ResponseCode.SUCCESS);
        RemotingCommand scheduled = h.call(pull("SCHED", "SCHEDULE_TOPIC_XXXX", 2, 0, 0x4, 0, "*"));
        StoredMessage s = BrokerHarness.decode(scheduled.body()).get(0);
        assertEquals("%RETRY%CGG", s.properties().get("REAL_TOPIC"));
        assertEquals("TopicG", s.properties().get("RETRY_TOPIC"));
        assertEquals(offsetId, s.properties().get("ORIGIN_MESSAGE_ID"));
        assertEquals(1, s.reconsumeTimes());
        // level 3 is 10 s: move the clock past it
        h.clock.advanceMillis(11_000);
        BrokerHarness.await("delivery to the retry topic", Duration.ofSeconds(5), () ->
                h.call(pull("CGG", "%RETRY%CGG", 0, 0, 0x4, 0, "*")).code() == ResponseCode.SUCCESS);
        StoredMessage retry = BrokerHarness.decode(h.call(pull("CGG", "%RETRY%CGG", 0, 0, 0x4, 0, "*")).body()).get(0);
        assertEquals("UG", retry.uniqueKey());
        assertEquals("%RETRY%CGG", retry.topic());
        assertEquals(null, retry.properties().get("DELAY"));
        // after max attempts the next send-back goes to the DLQ
        RemotingCommand dead = h.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .field("offset", retry.physicalOffset()).field("group", "CGG").field("delayLevel", 0)
                .field("maxReconsumeTimes", 1));
        assertEquals(ResponseCode.SUCCESS, dead.code(), dead.remark());
        BrokerHarness.await("DLQ copy", Duration.ofSeconds(5), () ->
                h.call(pull("CGG", "%DLQ%CGG", 0, 0, 0x4, 0, "*")).code() == ResponseCode.SUCCESS);
        RemotingCommand dlq = h.call(pull("CGG", "%DLQ%CGG", 0, 0, 0x4, 0, "*"));
        StoredMessage d = BrokerHarness.decode(dlq.body()).get(0);
        assertEquals(2, d.reconsumeTimes());
        assertNotNull(h.broker.context().topics().select("%DLQ%CGG"));
    }

    @Test
    void delayedMessageIsDeliveredWhenDueAndProgressSurvivesRestart() {
        RemotingCommand r = h.call(sendV2("TopicH", 1, props("DELAY", "2", "TAGS", "late"), new byte[] {9}));
        assertEquals(ResponseCode.SUCCESS, r.code());
        assertEquals("1", r.field("queueId"));
        assertEquals(ResponseCode.PULL_NOT_FOUND, h.call(pull("CH", "TopicH", 1, 0, 0x4, 0, "*")).code());
        h.clock.advanceMillis(6_000);
        BrokerHarness.await("delayed delivery", Duration.ofSeconds(5), () ->
                h.call(pull("CH", "TopicH", 1, 0, 0x4, 0, "*")).code() == ResponseCode.SUCCESS);
        StoredMessage m = BrokerHarness.decode(h.call(pull("CH", "TopicH", 1, 0, 0x4, 0, "*")).body()).get(0);
        assertEquals("TopicH", m.properties().get("REAL_TOPIC"));
        assertEquals("late", m.tags());
        BrokerHarness.await("delay offset persisted", Duration.ofSeconds(5), () ->
                h.broker.context() != null && readDelayOffset() == 1);
        h.restartBroker();
        assertEquals(1, readDelayOffset());
        assertEquals("1", h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET).field("topic", "TopicH")
                .field("queueId", 1)).field("offset"), "the message must not be delivered twice");
    }

    private void awaitMax(String topic, int queueId, long max) {
        BrokerHarness.await(topic + " max offset " + max, Duration.ofSeconds(5), () -> Long.toString(max)
                .equals(h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET).field("topic", topic)
                        .field("queueId", queueId)).field("offset")));
    }

    private long readDelayOffset() {
        RemotingCommand r = h.call(RemotingCommand.request(RequestCode.GET_ALL_DELAY_OFFSET));
        Long v = Json.fromBytes(r.body(), io.carrack.remoting.protocol.body.DelayOffsetSerializeWrapper.class)
                .getOffsetTable().get(2);
        return v == null ? -1 : v;
    }
}
