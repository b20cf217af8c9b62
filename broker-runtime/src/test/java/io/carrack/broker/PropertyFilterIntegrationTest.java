package io.carrack.broker;

import static io.carrack.broker.BrokerHarness.props;
import static io.carrack.broker.BrokerHarness.sendV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.CheckClientRequestBody;
import io.carrack.remoting.protocol.body.ConsumeFromWhere;
import io.carrack.remoting.protocol.body.ConsumeType;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.MessageModel;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.FilterException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL92 property filters end to end in the broker: heartbeat registration (compiled once), pulls that
 * skip non-matching messages and still advance, the retry topic with {@code filterSupportRetry},
 * CHECK_CLIENT_CONFIG, and refusals (syntax errors with their position, limits, a broker without
 * {@code enablePropertyFilter}).
 */
class PropertyFilterIntegrationTest {
    private static final String SQL = "SQL92";
    private static final int FLAG_SUBSCRIPTION = 0x4;

    @TempDir
    Path dir;
    BrokerHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private void start(Consumer<BrokerConfig> customizer) {
        h = new BrokerHarness(dir, customizer);
    }

    private void startWithFilters() {
        start(c -> c.setEnablePropertyFilter(true));
    }

    private long compilations() {
        return h.broker.context().filters().compilations();
    }

    /** Sends messages with property a = 0..n-1 to queue 0, TAGS TagA for even a and TagB for odd. */
    private void sendNumbered(String topic, int n) {
        for (int i = 0; i < n; i++) {
            RemotingCommand r = h.call(sendV2(topic, 0, props("a", Integer.toString(i), "TAGS", i % 2 == 0 ? "TagA"
                    : "TagB", "UNIQ_KEY", topic + "-" + i), ("m" + i).getBytes(StandardCharsets.UTF_8)));
            assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        }
        awaitMaxOffset(topic, n);
    }

    /** Waits until queue 0 of the topic is readable up to {@code n} (the store dispatches asynchronously). */
    private void awaitMaxOffset(String topic, long n) {
        BrokerHarness.await(topic + " dispatched", Duration.ofSeconds(10), () -> {
            RemotingCommand max = h.call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET)
                    .field("topic", topic).field("queueId", 0));
            return max.code() == ResponseCode.SUCCESS && Long.parseLong(max.field("offset")) >= n;
        });
    }

    private static SubscriptionData sql(String topic, String expression, long version) {
        return SubscriptionData.of(topic, expression, SQL, version);
    }

    private static RemotingCommand heartbeat(String group, SubscriptionData... subs) {
        HeartbeatData hb = new HeartbeatData();
        hb.setClientID("127.0.0.1@sql");
        ConsumerData cd = new ConsumerData();
        cd.setGroupName(group);
        cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        cd.setMessageModel(MessageModel.CLUSTERING);
        cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        for (SubscriptionData s : subs) {
            cd.getSubscriptionDataSet().add(s);
        }
        hb.getConsumerDataSet().add(cd);
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(Json.toBytes(hb));
    }

    /** A pull of the group's registered subscription (no subscription in the request). */
    private RemotingCommand pullRegistered(String group, String topic, long offset, int max, long subVersion) {
        return h.call(BrokerHarness.pull(group, topic, 0, offset, 0, 0, null).field("maxMsgNums", max)
                .field("subVersion", subVersion).field("expressionType", SQL));
    }

    /** A pull carrying its SQL92 subscription (sysFlag 0x4), as the lite pull consumer sends it. */
    private RemotingCommand pullWithSql(String group, String topic, long offset, String expression) {
        return h.call(BrokerHarness.pull(group, topic, 0, offset, FLAG_SUBSCRIPTION, 0, expression)
                .field("expressionType", SQL).field("subVersion", 1));
    }

    private RemotingCommand check(SubscriptionData sub) {
        CheckClientRequestBody body = new CheckClientRequestBody();
        body.setClientId("127.0.0.1@check");
        body.setGroup("CG_CHECK");
        body.setSubscriptionData(sub);
        return h.call(RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG).body(Json.toBytes(body)));
    }

    private static List<String> values(RemotingCommand pull, String property) {
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());
        List<String> out = new ArrayList<>();
        for (StoredMessage m : BrokerHarness.decode(pull.body())) {
            out.add(m.properties().get(property));
        }
        return out;
    }

    private String compileError(String expression) {
        FilterException e = assertThrows(FilterException.class,
                () -> h.broker.context().filters().compile(SQL, expression));
        return e.getMessage();
    }

    @Test
    void heartbeatSubscriptionIsCompiledOnceAndFiltersEveryPull() {
        startWithFilters();
        sendNumbered("TopicS", 10);
        long before = compilations();
        String expression = "a BETWEEN 2 AND 7 AND TAGS = 'TagA'";
        for (int i = 0; i < 3; i++) {
            assertEquals(ResponseCode.SUCCESS, h.call(heartbeat("CGS", sql("TopicS", expression, 5))).code());
        }
        assertEquals(before + 1, compilations(), "three heartbeats of one subscription compile it once");

        RemotingCommand r = pullRegistered("CGS", "TopicS", 0, 32, 5);
        assertEquals(List.of("2", "4", "6"), values(r, "a"));
        assertEquals("10", r.field("nextBeginOffset"), "the pull moves past the non-matching tail");
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("2", "4", "6"), values(pullRegistered("CGS", "TopicS", 0, 32, 5), "a"));
        }
        assertEquals(before + 1, compilations(), "pulls do not compile");

        // the same expression under a newer version is not compiled again; a changed one is
        h.call(heartbeat("CGS", sql("TopicS", expression, 6)));
        assertEquals(before + 1, compilations());
        assertEquals(List.of("2", "4", "6"), values(pullRegistered("CGS", "TopicS", 0, 32, 6), "a"));
        h.call(heartbeat("CGS", sql("TopicS", "a >= 8 OR TAGS = 'TagB' AND a < 2", 7)));
        assertEquals(before + 2, compilations());
        assertEquals(List.of("1", "8", "9"), values(pullRegistered("CGS", "TopicS", 0, 32, 7), "a"));
    }

    @Test
    void pullSkipsNonMatchingMessagesAndAdvancesOffsets() {
        startWithFilters();
        sendNumbered("TopicN", 10);
        h.call(heartbeat("CGN", sql("TopicN", "a > 4 AND TAGS = 'TagB'", 1)));

        RemotingCommand first = pullRegistered("CGN", "TopicN", 0, 2, 1);
        assertEquals(List.of("5", "7"), values(first, "a"));
        assertEquals("8", first.field("nextBeginOffset"), "continues after the last message returned");
        RemotingCommand second = pullRegistered("CGN", "TopicN", 8, 2, 1);
        assertEquals(List.of("9"), values(second, "a"));
        assertEquals("10", second.field("nextBeginOffset"));

        h.call(heartbeat("CGN", sql("TopicN", "a > 100", 2)));
        RemotingCommand nothing = pullRegistered("CGN", "TopicN", 0, 32, 2);
        assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, nothing.code(), "nothing matched: retry at once");
        assertEquals("NO_MATCHED_MESSAGE", nothing.remark());
        assertEquals("10", nothing.field("nextBeginOffset"), "the offset still advances past what was examined");
        RemotingCommand atEnd = pullRegistered("CGN", "TopicN", 10, 32, 2);
        assertEquals(ResponseCode.PULL_NOT_FOUND, atEnd.code());
        assertEquals("10", atEnd.field("nextBeginOffset"));
    }

    @Test
    void staleFilterVersionAndMissingFilterAreReported() {
        startWithFilters();
        sendNumbered("TopicV", 2);
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_EXIST, pullRegistered("CGV", "TopicV", 0, 32, 1).code());
        h.call(heartbeat("CGV", sql("TopicV", "a = 1", 3)));
        assertEquals(ResponseCode.SUBSCRIPTION_NOT_LATEST, pullRegistered("CGV", "TopicV", 0, 32, 4).code());
        assertEquals(List.of("1"), values(pullRegistered("CGV", "TopicV", 0, 32, 3), "a"));
    }

    @Test
    void subscriptionSentWithThePullIsFilteredAndCompiledOnce() {
        startWithFilters();
        sendNumbered("TopicP", 6);
        long before = compilations();
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of("0", "3"), values(pullWithSql("CGP", "TopicP", 0, "a IN ('0', '3')"), "a"));
        }
        assertEquals(before + 1, compilations(), "the same expression sent with each pull is compiled once");
    }

    @Test
    void syntaxErrorIsRefusedWithItsPositionOnCheckHeartbeatPullAndPullWithSubscription() {
        startWithFilters();
        sendNumbered("TopicE", 3);
        String bad = "a BETWEEN 1 AND";
        String error = compileError(bad);
        assertTrue(error.contains("at position 15"), error);
        assertTrue(error.contains("Expected"), error);

        RemotingCommand checked = check(sql("TopicE", bad, 1));
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, checked.code());
        assertTrue(checked.remark().contains(error), checked.remark());

        assertEquals(ResponseCode.SUCCESS, h.call(heartbeat("CGE", sql("TopicE", bad, 1))).code(),
                "the heartbeat still registers the consumer (as RocketMQ)");
        RemotingCommand pulled = pullRegistered("CGE", "TopicE", 0, 32, 1);
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, pulled.code());
        assertTrue(pulled.remark().contains(error), pulled.remark());
        assertTrue(pulled.remark().contains("CGE"), pulled.remark());

        RemotingCommand adHoc = pullWithSql("CGE2", "TopicE", 0, "(a > 1");
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, adHoc.code());
        assertTrue(adHoc.remark().contains(compileError("(a > 1")), adHoc.remark());
        assertTrue(adHoc.remark().contains("position 6"), adHoc.remark());

        // fixing the expression (new version) serves the pull
        h.call(heartbeat("CGE", sql("TopicE", "a BETWEEN 1 AND 2", 2)));
        assertEquals(List.of("1", "2"), values(pullRegistered("CGE", "TopicE", 0, 32, 2), "a"));
    }

    @Test
    void expressionsOverTheLengthOrDepthLimitAreRefused() {
        startWithFilters();
        String tooLong = "a = '" + "x".repeat(4100) + "'";
        String tooDeep = "(".repeat(70) + "a = 1" + ")".repeat(70);
        String fine = "(".repeat(10) + "a = 1" + ")".repeat(10);
        for (String bad : List.of(tooLong, tooDeep)) {
            RemotingCommand r = check(sql("TopicL", bad, 1));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, r.code());
            assertTrue(r.remark().contains(compileError(bad)), r.remark());
        }
        assertEquals(ResponseCode.SUCCESS, check(sql("TopicL", fine, 1)).code());

        sendNumbered("TopicL", 2);
        h.call(heartbeat("CGL", sql("TopicL", tooDeep, 1)));
        assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, pullRegistered("CGL", "TopicL", 0, 32, 1).code());
    }

    @Test
    void checkClientConfigAcceptsGoodSqlAndTags() {
        startWithFilters();
        assertEquals(ResponseCode.SUCCESS, check(sql("TopicC", "a > 5 AND TAGS IN ('x', 'y')", 1)).code());
        assertEquals(ResponseCode.SUCCESS, check(SubscriptionData.of("TopicC", "x || y", "TAG", 1)).code());
    }

    @Test
    void brokerWithoutEnablePropertyFilterRefusesSqlSubscriptionsSayingWhy() {
        start(c -> c.setEnablePropertyFilter(false));
        sendNumbered("TopicD", 2);
        long before = compilations();

        RemotingCommand checked = check(sql("TopicD", "a = 1", 1));
        assertEquals(ResponseCode.SYSTEM_ERROR, checked.code());
        assertTrue(checked.remark().startsWith("The broker does not support consumer to filter message by SQL92"),
                checked.remark());
        assertTrue(checked.remark().contains("enablePropertyFilter=false"), checked.remark());
        // the tag type needs nothing
        assertEquals(ResponseCode.SUCCESS, check(SubscriptionData.of("TopicD", "*", "TAG", 1)).code());

        assertEquals(ResponseCode.SUCCESS, h.call(heartbeat("CGD", sql("TopicD", "a = 1", 1))).code());
        RemotingCommand pulled = pullRegistered("CGD", "TopicD", 0, 32, 1);
        assertEquals(ResponseCode.SYSTEM_ERROR, pulled.code());
        assertTrue(pulled.remark().contains("enablePropertyFilter=false"), pulled.remark());
        RemotingCommand adHoc = pullWithSql("CGD2", "TopicD", 0, "a = 1");
        assertEquals(ResponseCode.SYSTEM_ERROR, adHoc.code());
        assertTrue(adHoc.remark().contains("enablePropertyFilter=false"), adHoc.remark());
        assertEquals(before, compilations(), "nothing is compiled on a broker without property filters");
    }

    /** Sends each message of TopicR back (delay level 3) and moves the clock so they reach %RETRY%CGR. */
    private void sendAllBackToRetry(int n) {
        for (int offset = 0; offset < n; offset++) {
            RemotingCommand got = h.call(BrokerHarness.pull("CGR_READER", "TopicR", 0, offset, FLAG_SUBSCRIPTION, 0,
                    "*").field("maxMsgNums", 1));
            StoredMessage m = BrokerHarness.decode(got.body()).get(0);
            RemotingCommand back = h.call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                    .field("offset", m.physicalOffset()).field("group", "CGR").field("delayLevel", 0)
                    .field("originMsgId", m.uniqueKey()).field("originTopic", "TopicR").field("unitMode", false)
                    .field("maxReconsumeTimes", 16));
            assertEquals(ResponseCode.SUCCESS, back.code(), back.remark());
        }
        h.clock.advanceMillis(11_000);
        awaitMaxOffset("%RETRY%CGR", n);
    }

    private RemotingCommand pullRetry() {
        return h.call(BrokerHarness.pull("CGR", "%RETRY%CGR", 0, 0, 0, 0, null).field("subVersion", 1));
    }

    private void subscribeRetryGroup() {
        RemotingCommand hb = heartbeat("CGR", sql("TopicR", "a >= 3", 1),
                SubscriptionData.of("%RETRY%CGR", "*", "TAG", 1));
        assertEquals(ResponseCode.SUCCESS, h.call(hb).code());
    }

    @Test
    void retryTopicIsFilteredWithTheOriginalTopicsExpressionWhenFilterSupportRetry() {
        start(c -> {
            c.setEnablePropertyFilter(true);
            c.setFilterSupportRetry(true);
        });
        sendNumbered("TopicR", 5);
        subscribeRetryGroup();
        sendAllBackToRetry(5);
        // a retry without RETRY_TOPIC (sent to the retry topic directly) is not filtered
        RemotingCommand direct = h.call(sendV2("%RETRY%CGR", 0, props("a", "0", "UNIQ_KEY", "direct"), new byte[] {1}));
        assertEquals(ResponseCode.SUCCESS, direct.code(), direct.remark());
        awaitMaxOffset("%RETRY%CGR", 6);

        RemotingCommand r = pullRetry();
        List<StoredMessage> got = BrokerHarness.decode(r.body());
        assertEquals(List.of("3", "4", "0"), values(r, "a"));
        assertEquals("TopicR", got.get(0).properties().get("RETRY_TOPIC"));
        assertNull(got.get(2).properties().get("RETRY_TOPIC"));
        assertEquals("6", r.field("nextBeginOffset"));
    }

    @Test
    void retryTopicIsNotFilteredWithoutFilterSupportRetry() {
        startWithFilters();
        sendNumbered("TopicR", 5);
        subscribeRetryGroup();
        sendAllBackToRetry(5);
        assertEquals(List.of("0", "1", "2", "3", "4"), values(pullRetry(), "a"),
                "RocketMQ's default (filterSupportRetry=false) delivers every retry");
        assertEquals(List.of("3", "4"), values(pullRegistered("CGR", "TopicR", 0, 32, 1), "a"));
    }

    @Test
    void groupsFilteringOneTopicEachGetExactlyTheirMatches() {
        startWithFilters();
        sendNumbered("TopicM", 12);
        h.call(heartbeat("CGM1", sql("TopicM", "a < 4", 1)));
        h.call(heartbeat("CGM2", sql("TopicM", "a >= 9 OR TAGS = 'TagB' AND a < 3", 1)));
        h.call(heartbeat("CGM3", sql("TopicM", "a BETWEEN 3 AND 5", 1)));
        for (int round = 0; round < 2; round++) {
            assertEquals(List.of("0", "1", "2", "3"), values(pullRegistered("CGM1", "TopicM", 0, 32, 1), "a"));
            assertEquals(List.of("1", "9", "10", "11"), values(pullRegistered("CGM2", "TopicM", 0, 32, 1), "a"));
            assertEquals(List.of("3", "4", "5"), values(pullRegistered("CGM3", "TopicM", 0, 32, 1), "a"));
        }
        h.call(heartbeat("CGM3", sql("TopicM", "a = 7", 2)));
        assertEquals(List.of("7"), values(pullRegistered("CGM3", "TopicM", 0, 32, 2), "a"));
        assertEquals(List.of("0", "1", "2", "3"), values(pullRegistered("CGM1", "TopicM", 0, 32, 1), "a"));
        h.call(heartbeat("CGM2", SubscriptionData.of("TopicM", "TagA", "TAG", 2)));
        assertEquals(List.of("0", "2", "4", "6", "8", "10"), values(h.call(BrokerHarness.pull("CGM2", "TopicM", 0, 0, 0,
                0, null).field("subVersion", 2)), "a"));
        assertEquals(List.of("1", "2", "3"), values(pullRegistered("CGM1", "TopicM", 1, 32, 1), "a"));
    }
}
