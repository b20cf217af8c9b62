package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.props;
import static io.carrack.broker.BrokerHarness.pull;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageIds;
import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendPullIntegrationTest {
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
    void sendAutoCreatesTopicFromTbw102AndRegistersItAtOnce() {
        RemotingCommand r = h.call(sendV2("NewTopic", 1, props("TAGS", "TagA", "WAIT", "true", "UNIQ_KEY", "U1"),
                "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        assertEquals("1", r.field("queueId"));
        assertEquals("0", r.field("queueOffset"));
        assertEquals("DefaultRegion", r.field("MSG_REGION"));
        assertEquals("true", r.field("TRACE_ON"));
        MessageIds.OffsetId id = MessageIds.decodeOffsetId(r.field("msgId"));
        assertEquals(h.broker.port(), id.storeHost().getPort());
        assertEquals("127.0.0.1", id.storeHost().getAddress().getHostAddress());

        BrokerHarness.await("route of NewTopic", java.time.Duration.ofSeconds(5), () -> {
            RemotingCommand route = h.callNamesrv(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                    .field("topic", "NewTopic"));
            if (route.code() != ResponseCode.SUCCESS) {
                return false;
            }
            TopicRouteData data = Json.fromBytes(route.body(), TopicRouteData.class);
            return data.getQueueDatas().size() == 1 && data.getQueueDatas().get(0).getWriteQueueNums() == 4
                    && data.getQueueDatas().get(0).getPerm() == 6;
        });
    }

    @Test
    void unknownTopicWithoutInheritableDefaultIsRefused() {
        RemotingCommand req = sendV2("Unknown", 0, "", new byte[] {1});
        req.field("c", "NoSuchDefault");
        RemotingCommand r = h.call(req);
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, r.code());
        assertTrue(r.remark().startsWith("topic[Unknown] not exist, apply first please!"), r.remark());
    }

    @Test
    void sendToForbiddenSystemTopicAndIllegalQueueAreRefused() {
        assertEquals(ResponseCode.NO_PERMISSION, h.call(sendV2("SCHEDULE_TOPIC_XXXX", 0, "", new byte[1])).code());
        assertEquals(ResponseCode.SYSTEM_ERROR, h.call(sendV2("bad topic!", 0, "", new byte[1])).code());
        assertEquals(ResponseCode.SUCCESS, h.call(sendV2("Q", 0, "", new byte[1])).code());
        RemotingCommand r = h.call(sendV2("Q", 9, "", new byte[1]));
        assertEquals(ResponseCode.SYSTEM_ERROR, r.code());
        assertTrue(r.remark().contains("queueId[9] is illegal"), r.remark());
    }

    @Test
    void pulledRecordsCarryClusterAndNotWaitAndFilterByTag() {
        for (int i = 0; i < 6; i++) {
            String tag = i % 2 == 0 ? "TagA" : "TagB";
            RemotingCommand r = h.call(sendV2("T1", 0, props("TAGS", tag, "WAIT", "true", "KEYS", "k" + i),
                    ("m" + i).getBytes(StandardCharsets.UTF_8)));
            assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
            assertEquals(Integer.toString(i), r.field("queueOffset"));
        }
        awaitMax("T1", 0, 6);
        RemotingCommand all = h.call(pull("CG", "T1", 0, 0, 0x4, 0, "*"));
        assertEquals(ResponseCode.SUCCESS, all.code(), all.remark());
        List<StoredMessage> msgs = BrokerHarness.decode(all.body());
        assertEquals(6, msgs.size());
        assertEquals("6", all.field("nextBeginOffset"));
        assertEquals("0", all.field("minOffset"));
        assertEquals("6", all.field("maxOffset"));
        assertEquals("0", all.field("suggestWhichBrokerId"));
        for (int i = 0; i < 6; i++) {
            assertEquals(i, msgs.get(i).queueOffset());
            assertEquals("TestCluster", msgs.get(i).properties().get("CLUSTER"));
            assertFalse(msgs.get(i).properties().containsKey("WAIT"));
        }
        RemotingCommand tagged = h.call(pull("CG", "T1", 0, 0, 0x4, 0, "TagA"));
        List<StoredMessage> onlyA = BrokerHarness.decode(tagged.body());
        assertEquals(3, onlyA.size());
        assertTrue(onlyA.stream().allMatch(m -> "TagA".equals(m.tags())));
        assertEquals("6", tagged.field("nextBeginOffset"));

        RemotingCommand none = h.call(pull("CG", "T1", 0, 0, 0x4, 0, "TagZ"));
        assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, none.code());
        assertEquals("6", none.field("nextBeginOffset"));
    }

    @Test
    void pullStatusesFollowRocketMq() {
        h.call(sendV2("T2", 0, "", new byte[] {1}));
        awaitMax("T2", 0, 1);
        RemotingCommand caughtUp = h.call(pull("CG", "T2", 0, 1, 0x4, 0, "*"));
        assertEquals(ResponseCode.PULL_NOT_FOUND, caughtUp.code());
        assertEquals("1", caughtUp.field("nextBeginOffset"));
        RemotingCommand tooFar = h.call(pull("CG", "T2", 0, 5, 0x4, 0, "*"));
        assertEquals(ResponseCode.PULL_OFFSET_MOVED, tooFar.code());
        RemotingCommand emptyQueue = h.call(pull("CG", "T2", 1, 3, 0x4, 0, "*"));
        assertEquals(ResponseCode.PULL_OFFSET_MOVED, emptyQueue.code());
        assertEquals("0", emptyQueue.field("nextBeginOffset"));
        RemotingCommand emptyAtZero = h.call(pull("CG", "T2", 1, 0, 0x4, 0, "*"));
        assertEquals(ResponseCode.PULL_NOT_FOUND, emptyAtZero.code());
        RemotingCommand noSub = h.call(pull("CG", "T2", 0, 0, 0, 0, null));
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_EXIST, noSub.code());
        RemotingCommand badQueue = h.call(pull("CG", "T2", 99, 0, 0x4, 0, "*"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badQueue.code());
        RemotingCommand noTopic = h.call(pull("CG", "NoSuch", 0, 0, 0x4, 0, "*"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, noTopic.code());
    }

    @Test
    void heldPullIsWokenTheMomentAMatchingMessageArrives() throws Exception {
        h.call(sendV2("T3", 0, props("TAGS", "TagA"), new byte[] {1}));
        awaitMax("T3", 0, 1);
        long start = System.nanoTime();
        CompletableFuture<RemotingCommand> held = h.client.invokeAsync(h.brokerAddr,
                pull("CG", "T3", 0, 1, 0x2 | 0x4, 20_000, "TagA"), 30_000);
        BrokerHarness.await("pull to be held", java.time.Duration.ofSeconds(5),
                () -> h.broker.context() != null && heldCount() == 1);
        assertFalse(held.isDone());
        // a message the filter rejects does not wake it
        h.call(sendV2("T3", 0, props("TAGS", "TagB"), new byte[] {2}));
        assertEquals(1, heldCount());
        assertFalse(held.isDone());
        h.call(sendV2("T3", 0, props("TAGS", "TagA"), new byte[] {3}));
        RemotingCommand r = held.get(5, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        List<StoredMessage> msgs = BrokerHarness.decode(r.body());
        assertEquals(1, msgs.size());
        assertEquals("TagA", msgs.get(0).tags());
        assertEquals(2, msgs.get(0).queueOffset());
        assertEquals("3", r.field("nextBeginOffset"));
        assertTrue(tookMillis < 15_000, "answered after " + tookMillis + " ms");
    }

    @Test
    void heldPullAnswersNotFoundWhenItsTimeEnds() throws Exception {
        h.call(sendV2("T4", 0, "", new byte[] {1}));
        awaitMax("T4", 0, 1);
        long start = System.nanoTime();
        RemotingCommand r = h.client.invokeAsync(h.brokerAddr, pull("CG", "T4", 0, 1, 0x2 | 0x4, 400, "*"), 10_000)
                .get(10, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ResponseCode.PULL_NOT_FOUND, r.code());
        assertEquals("1", r.field("nextBeginOffset"));
        assertTrue(tookMillis >= 300, "answered after only " + tookMillis + " ms");
    }

    @Test
    void pullCommitsOffsetWhenAsked() {
        h.call(sendV2("T5", 0, "", new byte[] {1}));
        awaitMax("T5", 0, 1);
        RemotingCommand p = pull("CG5", "T5", 0, 0, 0x1 | 0x4, 0, "*");
        p.field("commitOffset", 7);
        assertEquals(ResponseCode.SUCCESS, h.call(p).code());
        RemotingCommand q = h.call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .field("consumerGroup", "CG5").field("topic", "T5").field("queueId", 0));
        assertEquals(ResponseCode.SUCCESS, q.code());
        assertEquals("7", q.field("offset"));
    }

    @Test
    void batchSendStoresConsecutiveOffsetsWithCommaSeparatedIds() {
        List<io.carrack.common.message.Message> list = new ArrayList<>();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] b = ("b" + i).getBytes(StandardCharsets.UTF_8);
            byte[] p = props("UNIQ_KEY", "U" + i, "TAGS", "T").getBytes(StandardCharsets.UTF_8);
            ByteBuffer e = ByteBuffer.allocate(20 + b.length + 2 + p.length);
            e.putInt(e.capacity()).putInt(0).putInt(0).putInt(i).putInt(b.length).put(b).putShort((short) p.length)
                    .put(p);
            body.writeBytes(e.array());
        }
        assertNotNull(list);
        RemotingCommand req = sendV2("BatchT", 2, props("WAIT", "true"), body.toByteArray());
        req.code(RequestCode.SEND_BATCH_MESSAGE).field("m", true);
        RemotingCommand r = h.call(req);
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        String[] ids = r.field("msgId").split(",");
        assertEquals(3, ids.length);
        assertEquals("0", r.field("queueOffset"));
        awaitMax("BatchT", 2, 3);
        List<StoredMessage> msgs = BrokerHarness.decode(h.call(pull("CG", "BatchT", 2, 0, 0x4, 0, "*")).body());
        assertEquals(3, msgs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(ids[i], msgs.get(i).offsetMessageId());
            assertEquals("U" + i, msgs.get(i).uniqueKey());
            assertEquals(i, msgs.get(i).flag());
            assertEquals("TestCluster", msgs.get(i).properties().get("CLUSTER"));
        }
    }

    @Test
    void viewAndQueryMessage() {
        RemotingCommand r = h.call(sendV2("QT", 0, props("KEYS", "order-1 order-2", "UNIQ_KEY", "UK1"),
                "x".getBytes(StandardCharsets.UTF_8)));
        long offset = MessageIds.decodeOffsetId(r.field("msgId")).physicalOffset();
        awaitMax("QT", 0, 1);
        RemotingCommand view = h.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID).field("offset", offset));
        assertEquals(ResponseCode.SUCCESS, view.code());
        assertEquals("UK1", BrokerHarness.decode(view.body()).get(0).uniqueKey());
        RemotingCommand missing = h.call(RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID)
                .field("offset", 1_000_000));
        assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
        BrokerHarness.await("index", java.time.Duration.ofSeconds(5), () -> {
            RemotingCommand q = h.call(RemotingCommand.request(RequestCode.QUERY_MESSAGE).field("topic", "QT")
                    .field("key", "order-2").field("maxNum", 64).field("beginTimestamp", 0)
                    .field("endTimestamp", Long.MAX_VALUE).field("_UNIQUE_KEY_QUERY", "false"));
            return q.code() == ResponseCode.SUCCESS && BrokerHarness.decode(q.body()).size() == 1
                    && q.field("indexLastUpdateTimestamp") != null;
        });
        RemotingCommand none = h.call(RemotingCommand.request(RequestCode.QUERY_MESSAGE).field("topic", "QT")
                .field("key", "nope").field("maxNum", 64).field("beginTimestamp", 0)
                .field("endTimestamp", Long.MAX_VALUE));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, none.code());
    }

    private void awaitMax(String topic, int queueId, long max) {
        BrokerHarness.await(topic + " max offset " + max, java.time.Duration.ofSeconds(5), () -> Long.toString(max)
                .equals(h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET).field("topic", topic)
                        .field("queueId", queueId)).field("offset")));
    }

    private int heldCount() {
        return h.broker.heldPulls();
    }
}
