package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.props;
import static io.carrack.broker.BrokerHarness.pull;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.MessageStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional messages (PROTOCOL.md sections 6.4, 8 and 13.11) with a remoting client acting as the
 * 4.9.7 TransactionMQProducer: half sends, END_TRANSACTION commit/rollback/unknown, check-backs driven
 * by the broker's injected clock, give-up after transactionCheckMax, progress across a restart.
 */
class TransactionIntegrationTest {
    private static final String GROUP = "TXG";
    private static final String TOPIC = "TxTopic";
    private static final String HALF = "RMQ_SYS_TRANS_HALF_TOPIC";
    private static final String OP = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    private static final long INTERVAL = 60_000;

    @TempDir
    java.nio.file.Path dir;
    BrokerHarness h;
    final BlockingQueue<RemotingCommand> checks = new LinkedBlockingQueue<>();

    void start(Consumer<BrokerConfig> customizer) {
        h = new BrokerHarness(dir, customizer);
        h.client.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, (ch, req) -> {
            checks.add(req);
            return null;
        }, null);
        heartbeat();
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private void heartbeat() {
        HeartbeatData hb = new HeartbeatData();
        hb.setClientID("127.0.0.1@tx");
        ProducerData pd = new ProducerData();
        pd.setGroupName(GROUP);
        hb.getProducerDataSet().add(pd);
        RemotingCommand r = h.call(RemotingCommand.request(RequestCode.HEART_BEAT).body(Json.toBytes(hb)));
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
    }

    /** A half send as TransactionMQProducer writes it; returns the response. */
    private RemotingCommand sendHalf(String uniqKey, int queueId) {
        RemotingCommand req = sendV2(TOPIC, queueId, props("TAGS", "TagT", "KEYS", "k-" + uniqKey, "UNIQ_KEY", uniqKey,
                "WAIT", "true", "TRAN_MSG", "true", "PGROUP", GROUP), ("body-" + uniqKey).getBytes(StandardCharsets.UTF_8));
        req.field("a", GROUP).field("f", MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        RemotingCommand r = h.call(req);
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        return r;
    }

    private void endTransaction(long tranStateTableOffset, long commitLogOffset, int type, String uniqKey,
                                boolean fromCheck) {
        RemotingCommand req = RemotingCommand.request(RequestCode.END_TRANSACTION)
                .field("producerGroup", GROUP).field("tranStateTableOffset", tranStateTableOffset)
                .field("commitLogOffset", commitLogOffset).field("commitOrRollback", type)
                .field("fromTransactionCheck", fromCheck).field("msgId", uniqKey).field("bname", "broker-a");
        h.client.invokeOneway(h.brokerAddr, req, BrokerHarness.TIMEOUT);
    }

    private void endTransaction(RemotingCommand sendResponse, int type, String uniqKey) {
        endTransaction(Long.parseLong(sendResponse.field("queueOffset")),
                MessageIds.decodeOffsetId(sendResponse.field("msgId")).physicalOffset(), type, uniqKey, false);
    }

    private MessageStore store() {
        return h.broker.context().store();
    }

    private long progress(String topic) {
        return h.broker.context().offsets().query("CID_RMQ_SYS_TRANS", topic, 0);
    }

    private List<StoredMessage> pullAll(int queueId) {
        RemotingCommand r = h.call(pull("CG", TOPIC, queueId, 0, 0x4, 0, "*"));
        if (r.code() != ResponseCode.SUCCESS) {
            return List.of();
        }
        return BrokerHarness.decode(r.body());
    }

    private List<StoredMessage> read(String topic) {
        try (GetResult r = store().get(topic, 0, 0, 32, MessageFilter.ALL)) {
            return r.messages().stream().map(b -> StoredMessageCodec.decode(b.duplicate())).toList();
        }
    }

    private RemotingCommand nextCheck() throws InterruptedException {
        RemotingCommand c = checks.poll(5, TimeUnit.SECONDS);
        assertNotNull(c, "no CHECK_TRANSACTION_STATE arrived");
        return c;
    }

    @Test
    void halfMessageIsParkedAndCommitWritesTheRealMessage() {
        start(c -> { });
        RemotingCommand sent = sendHalf("U1", 2);
        assertEquals("2", sent.field("queueId"));
        assertEquals("0", sent.field("queueOffset"), "the offset in the half queue");
        long halfOffset = MessageIds.decodeOffsetId(sent.field("msgId")).physicalOffset();
        assertEquals(0, store().maxOffset(TOPIC, 2), "a half message is not in the real queue");
        assertTrue(pullAll(2).isEmpty());
        // The store makes a record readable by queue shortly after acknowledging it.
        BrokerHarness.await("the half message", Duration.ofSeconds(5), () -> store().maxOffset(HALF, 0) == 1);
        StoredMessage half = read(HALF).get(0);
        assertEquals(TOPIC, half.properties().get("REAL_TOPIC"));
        assertEquals("2", half.properties().get("REAL_QID"));
        assertEquals(MessageSysFlag.TRANSACTION_NOT_TYPE, MessageSysFlag.transactionType(half.sysFlag()));

        endTransaction(sent, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "U1");
        BrokerHarness.await("the committed message", Duration.ofSeconds(5), () -> pullAll(2).size() == 1);
        StoredMessage real = pullAll(2).get(0);
        assertEquals(TOPIC, real.topic());
        assertEquals(2, real.queueId());
        assertEquals("body-U1", new String(real.body(), StandardCharsets.UTF_8));
        assertEquals("U1", real.uniqueKey());
        assertEquals("TagT", real.tags());
        assertEquals(GROUP, real.properties().get("PGROUP"));
        assertNull(real.properties().get("REAL_TOPIC"));
        assertNull(real.properties().get("REAL_QID"));
        assertNull(real.properties().get("TRAN_MSG"));
        assertEquals(MessageSysFlag.TRANSACTION_COMMIT_TYPE, MessageSysFlag.transactionType(real.sysFlag()));
        assertEquals(halfOffset, real.preparedTransactionOffset());

        BrokerHarness.await("the op record", Duration.ofSeconds(5), () -> store().maxOffset(OP, 0) == 1);
        StoredMessage op = read(OP).get(0);
        assertEquals("0", new String(op.body(), StandardCharsets.US_ASCII));
        assertEquals("d", op.tags());

        // the committed message is found by its key like any other
        RemotingCommand q = h.call(RemotingCommand.request(RequestCode.QUERY_MESSAGE).field("topic", TOPIC)
                .field("key", "U1").field("maxNum", 32).field("beginTimestamp", 0)
                .field("endTimestamp", Long.MAX_VALUE).field("_UNIQUE_KEY_QUERY", "true"));
        assertEquals(ResponseCode.SUCCESS, q.code(), q.remark());
        assertTrue(BrokerHarness.decode(q.body()).stream().anyMatch(m -> m.topic().equals(TOPIC)));
    }

    @Test
    void rollbackWritesOnlyTheOpRecordAndWrongEndTransactionsAreIgnored() {
        start(c -> { });
        RemotingCommand sent = sendHalf("U2", 0);
        long halfOffset = MessageIds.decodeOffsetId(sent.field("msgId")).physicalOffset();
        // wrong queue offset, then a wrong commit-log offset: both refused, nothing written
        endTransaction(5, halfOffset, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "U2", false);
        endTransaction(0, halfOffset + 1, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "U2", false);
        endTransaction(sent, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE, "U2");
        BrokerHarness.await("the op record", Duration.ofSeconds(5), () -> store().maxOffset(OP, 0) == 1);
        assertEquals(1, read(OP).size());
        assertEquals(0, store().maxOffset(TOPIC, 0));
        assertTrue(pullAll(0).isEmpty());
    }

    @Test
    void unknownStateIsCheckedBackAndCommittedFromTheCheck() throws Exception {
        start(c -> { });
        RemotingCommand sent = sendHalf("U3", 1);
        endTransaction(sent, MessageSysFlag.TRANSACTION_NOT_TYPE, "U3");
        assertTrue(checks.isEmpty());

        h.clock.advanceMillis(INTERVAL + 1000);
        RemotingCommand check = nextCheck();
        assertEquals("1", check.field("tranStateTableOffset"), "the check is about the re-appended copy");
        long copyOffset = Long.parseLong(check.field("commitLogOffset"));
        assertEquals("U3", check.field("msgId"));
        assertEquals("U3", check.field("transactionId"));
        assertEquals(copyOffset, MessageIds.decodeOffsetId(check.field("offsetMsgId")).physicalOffset());
        StoredMessage shown = StoredMessageCodec.decode(ByteBuffer.wrap(check.body()));
        assertEquals(TOPIC, shown.topic());
        assertEquals(1, shown.queueId());
        assertEquals(copyOffset, shown.physicalOffset());
        assertEquals(GROUP, shown.properties().get("PGROUP"));
        assertEquals("1", shown.properties().get("TRANSACTION_CHECK_TIMES"));
        assertEquals("body-U3", new String(shown.body(), StandardCharsets.UTF_8));
        assertEquals(0, store().maxOffset(TOPIC, 1));

        // the producer answers as 4.9.7 does: offsets echoed from the check
        endTransaction(Long.parseLong(check.field("tranStateTableOffset")), shown.physicalOffset(),
                MessageSysFlag.TRANSACTION_COMMIT_TYPE, "U3", true);
        BrokerHarness.await("the committed message", Duration.ofSeconds(5), () -> pullAll(1).size() == 1);
        assertEquals("U3", pullAll(1).get(0).uniqueKey());

        // the next pass finds everything closed: progress moves past the copy and nobody is asked again
        BrokerHarness.await("the op record", Duration.ofSeconds(5), () -> store().maxOffset(OP, 0) == 1);
        h.clock.advanceMillis(INTERVAL + 1000);
        BrokerHarness.await("the second pass", Duration.ofSeconds(5), () -> progress(HALF) == 2);
        assertEquals(1, progress(OP));
        assertTrue(checks.isEmpty());
        assertEquals(1, store().maxOffset(TOPIC, 1));
    }

    @Test
    void youngHalfMessagesWaitForTheTimeout() throws Exception {
        start(c -> c.setTransactionTimeOut(INTERVAL + 30_000));
        sendHalf("U4", 0);
        h.clock.advanceMillis(INTERVAL + 1000);
        BrokerHarness.await("the first pass", Duration.ofSeconds(5), () -> progress(HALF) == 0);
        assertTrue(checks.isEmpty(), "younger than transactionTimeOut: not checked yet");
        h.clock.advanceMillis(INTERVAL + 1000);
        assertEquals("U4", nextCheck().field("msgId"));
    }

    @Test
    void halfMessageIsGivenUpAfterTransactionCheckMax() throws Exception {
        start(c -> c.setTransactionCheckMax(2));
        sendHalf("U5", 0);
        for (int i = 1; i <= 2; i++) {
            h.clock.advanceMillis(INTERVAL + 1000);
            RemotingCommand check = nextCheck();
            assertEquals(Integer.toString(i), check.field("tranStateTableOffset"));
            StoredMessage shown = StoredMessageCodec.decode(ByteBuffer.wrap(check.body()));
            assertEquals(Integer.toString(i), shown.properties().get("TRANSACTION_CHECK_TIMES"));
        }
        h.clock.advanceMillis(INTERVAL + 1000);
        BrokerHarness.await("the give-up", Duration.ofSeconds(5),
                () -> store().maxOffset("TRANS_CHECK_MAX_TIME_TOPIC", 0) == 1);
        BrokerHarness.await("the op record of the last copy", Duration.ofSeconds(5),
                () -> read(OP).size() == 1 && "2".equals(new String(read(OP).get(0).body(), StandardCharsets.US_ASCII)));
        BrokerHarness.await("the progress", Duration.ofSeconds(5), () -> progress(HALF) == 3);
        assertTrue(checks.isEmpty());
        assertEquals("U5", read("TRANS_CHECK_MAX_TIME_TOPIC").get(0).uniqueKey());
        assertEquals(0, store().maxOffset(TOPIC, 0));
    }

    @Test
    void closedHalfMessagesStayClosedAcrossARestart() throws Exception {
        start(c -> { });
        RemotingCommand a = sendHalf("UA", 0);
        sendHalf("UB", 0);
        endTransaction(a, MessageSysFlag.TRANSACTION_COMMIT_TYPE, "UA");
        BrokerHarness.await("the op record of UA", Duration.ofSeconds(5), () -> store().maxOffset(OP, 0) == 1);
        h.clock.advanceMillis(INTERVAL + 1000);
        RemotingCommand first = nextCheck();
        assertEquals("UB", first.field("msgId"));
        assertEquals("2", first.field("tranStateTableOffset"));
        BrokerHarness.await("the first pass", Duration.ofSeconds(5), () -> progress(HALF) == 2);

        h.restartBroker();
        heartbeat();
        h.clock.advanceMillis(INTERVAL + 1000);
        RemotingCommand second = nextCheck();
        assertEquals("UB", second.field("msgId"), "UA was committed before the restart");
        assertEquals("3", second.field("tranStateTableOffset"));
        assertEquals("2", StoredMessageCodec.decode(ByteBuffer.wrap(second.body())).properties()
                .get("TRANSACTION_CHECK_TIMES"));
        BrokerHarness.await("the second pass", Duration.ofSeconds(5), () -> progress(HALF) == 3);
        assertTrue(checks.isEmpty());
        assertEquals(1, store().maxOffset(TOPIC, 0));
    }

    @Test
    void rejectTransactionMessageRefusesHalfSends() {
        start(c -> c.setRejectTransactionMessage(true));
        RemotingCommand req = sendV2(TOPIC, 0, props("UNIQ_KEY", "U6", "TRAN_MSG", "true", "PGROUP", GROUP),
                new byte[] {1});
        req.field("a", GROUP).field("f", MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        RemotingCommand r = h.call(req);
        assertEquals(ResponseCode.NO_PERMISSION, r.code());
        assertFalse(store().maxOffset(HALF, 0) > 0);
    }
}
