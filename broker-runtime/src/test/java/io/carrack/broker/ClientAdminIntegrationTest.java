package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.heartbeat;
import static io.carrack.broker.BrokerHarness.props;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.GetConsumerStatusBody;
import io.carrack.remoting.protocol.body.ResetOffsetBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin requests the broker carries out through consumer connections (PROTOCOL.md sections 8 and 9.6):
 * 222 with the 220 push, 223 with 221, 307 and 309 forwarded to the client. The harness client plays
 * the consumer.
 */
class ClientAdminIntegrationTest {
    private static final String TOPIC = "ResetT";
    private static final String GROUP = "RG";
    private static final String CLIENT_ID = "127.0.0.1@admin-test";

    @TempDir
    java.nio.file.Path dir;
    BrokerHarness h;
    final BlockingQueue<RemotingCommand> pushed = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        h = new BrokerHarness(dir);
        h.client.registerProcessor(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, (ch, req) -> {
            pushed.add(req);
            return null;
        }, null);
        h.client.registerProcessor(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, (ch, req) -> {
            GetConsumerStatusBody b = new GetConsumerStatusBody();
            b.setMessageQueueTable(Map.of(new MessageQueue(req.field("topic"), "broker-a", 0), 7L));
            return RemotingCommand.response(ResponseCode.SUCCESS, null).body(Json.toBytes(b));
        }, null);
        h.client.registerProcessor(RequestCode.GET_CONSUMER_RUNNING_INFO, (ch, req) ->
                RemotingCommand.response(ResponseCode.SUCCESS, null)
                        .body(("{\"running\":\"" + req.field("clientId") + "/" + req.field("jstackEnable") + "\"}")
                                .getBytes(StandardCharsets.UTF_8)), null);
        h.client.registerProcessor(RequestCode.CONSUME_MESSAGE_DIRECTLY, (ch, req) -> {
            StoredMessage m = BrokerHarness.decode(req.body()).get(0);
            return RemotingCommand.response(ResponseCode.SUCCESS, null)
                    .body((req.field("brokerName") + ":" + new String(m.body(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
        }, null);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private RemotingCommand send(int queueId, String body) {
        RemotingCommand r = h.call(sendV2(TOPIC, queueId, props("UNIQ_KEY", "U-" + body), body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return r;
    }

    private void commit(int queueId, long offset) {
        RemotingCommand r = h.call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET).field("consumerGroup", GROUP)
                .field("topic", TOPIC).field("queueId", queueId).field("commitOffset", offset));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
    }

    private RemotingCommand reset(long timestamp, boolean force) {
        return h.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET).field("topic", TOPIC)
                .field("group", GROUP).field("timestamp", timestamp).field("isForce", force));
    }

    private void registerConsumer() {
        RemotingCommand hb = heartbeat(CLIENT_ID, GROUP, TOPIC);
        assertEquals(ResponseCode.SUCCESS, h.call(hb).code());
    }

    @Test
    void resetOffsetComputesTheTableAndPushesItToTheConsumers() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(0, "m" + i);
        }
        send(1, "n0");
        // 4 queues (the send's defaultTopicQueueNums); no offsets yet: the group does not exist here
        assertEquals(ResponseCode.SYSTEM_ERROR, reset(-1, true).code());
        for (int q = 0; q < 4; q++) {
            commit(q, q == 0 ? 2 : 0);
        }
        RemotingCommand offline = reset(-1, true);
        assertEquals(ResponseCode.CONSUMER_NOT_ONLINE, offline.code(), "mqadmin then falls back to the old way");

        registerConsumer();
        RemotingCommand toMax = reset(-1, true);
        assertEquals(ResponseCode.SUCCESS, toMax.code(), toMax.remark());
        Map<MessageQueue, Long> table = Json.fromBytes(toMax.body(), ResetOffsetBody.class).getOffsetTable();
        assertEquals(4, table.size());
        assertEquals(3L, table.get(new MessageQueue(TOPIC, "broker-a", 0)));
        assertEquals(1L, table.get(new MessageQueue(TOPIC, "broker-a", 1)));
        assertEquals(0L, table.get(new MessageQueue(TOPIC, "broker-a", 2)));

        RemotingCommand push = pushed.poll(5, TimeUnit.SECONDS);
        assertNotNull(push, "RESET_CONSUMER_CLIENT_OFFSET reached the consumer");
        assertEquals(TOPIC, push.field("topic"));
        assertEquals(GROUP, push.field("group"));
        assertEquals("-1", push.field("timestamp"));
        assertEquals("true", push.field("isForce"));
        assertEquals(table, Json.fromBytes(push.body(), ResetOffsetBody.class).getOffsetTable());

        // not forced: a target at or above the current offset keeps the current one
        Map<MessageQueue, Long> unforced = Json.fromBytes(reset(-1, false).body(), ResetOffsetBody.class).getOffsetTable();
        assertEquals(2L, unforced.get(new MessageQueue(TOPIC, "broker-a", 0)), "the broker itself does not move offsets");
        assertEquals(0L, unforced.get(new MessageQueue(TOPIC, "broker-a", 1)));
        RemotingCommand back = reset(0, false);
        Map<MessageQueue, Long> kept = Json.fromBytes(back.body(), ResetOffsetBody.class).getOffsetTable();
        assertEquals(0L, kept.get(new MessageQueue(TOPIC, "broker-a", 0)), "time 0 is before every message");
        assertEquals(0L, kept.get(new MessageQueue(TOPIC, "broker-a", 1)));
        assertEquals(ResponseCode.SYSTEM_ERROR, h.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET)
                .field("topic", "NoSuchTopic").field("group", GROUP).field("timestamp", -1).field("isForce", true)).code());
    }

    @Test
    void consumerStatusIsCollectedFromEachConsumer() {
        RemotingCommand none = h.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .field("topic", TOPIC).field("group", GROUP));
        assertEquals(ResponseCode.SYSTEM_ERROR, none.code());
        registerConsumer();
        RemotingCommand r = h.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .field("topic", TOPIC).field("group", GROUP));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        GetConsumerStatusBody body = Json.fromBytes(r.body(), GetConsumerStatusBody.class);
        assertEquals(Map.of(CLIENT_ID, Map.of(new MessageQueue(TOPIC, "broker-a", 0), 7L)), body.getConsumerTable());
    }

    @Test
    void runningInfoAndConsumeDirectlyAreForwardedToTheClient() {
        RemotingCommand offline = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .field("consumerGroup", GROUP).field("clientId", CLIENT_ID).field("jstackEnable", false));
        assertEquals(ResponseCode.SYSTEM_ERROR, offline.code());
        assertTrue(offline.remark().contains("not online"), offline.remark());

        registerConsumer();
        RemotingCommand info = h.call(RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .field("consumerGroup", GROUP).field("clientId", CLIENT_ID).field("jstackEnable", false));
        assertEquals(ResponseCode.SUCCESS, info.code(), info.remark());
        assertEquals("{\"running\":\"" + CLIENT_ID + "/false\"}", new String(info.body(), StandardCharsets.UTF_8));

        RemotingCommand sent = send(0, "direct");
        RemotingCommand direct = h.call(RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .field("consumerGroup", GROUP).field("clientId", CLIENT_ID).field("msgId", sent.field("msgId")));
        assertEquals(ResponseCode.SUCCESS, direct.code(), direct.remark());
        assertEquals("broker-a:direct", new String(direct.body(), StandardCharsets.UTF_8));
        String missing = MessageIds.offsetId(MessageIds.decodeOffsetId(sent.field("msgId")).storeHost(), 1 << 30);
        assertEquals(ResponseCode.SYSTEM_ERROR, h.call(RemotingCommand.request(RequestCode.CONSUME_MESSAGE_DIRECTLY)
                .field("consumerGroup", GROUP).field("clientId", CLIENT_ID).field("msgId", missing)).code());
    }
}
