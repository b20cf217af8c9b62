package io.carrack.namesrv;

import static io.carrack.namesrv.NamesrvTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.KVTable;
import io.carrack.remoting.protocol.route.TopicList;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real name server on a loopback port, driven through a remoting client. */
class NameServerTest {
    private static final String ROUTE_JSON = "{\"brokerDatas\":[{\"brokerAddrs\":{\"0\":\"192.168.0.1:10911\","
            + "\"1\":\"192.168.0.3:10911\"},\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}],"
            + "\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,"
            + "\"topicSysFlag\":0,\"writeQueueNums\":4}]}";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private NameServer ns;
    private NamesrvTestClient client;

    @BeforeEach
    void start() {
        ns = newServer(config());
        client = new NamesrvTestClient(ns.port());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private NamesrvConfig config() {
        NamesrvConfig c = new NamesrvConfig();
        c.setBindAddress("127.0.0.1");
        c.setListenPort(0);
        c.setKvConfigPath(dir.resolve("kv/kvConfig.json").toString());
        c.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        c.setServerWorkerThreads(2);
        c.setServerSelectorThreads(1);
        return c;
    }

    private NameServer newServer(NamesrvConfig c) {
        NameServer s = new NameServer(c, clock);
        s.start();
        return s;
    }

    @Test
    void routeOfRegisteredTopicIsExactlyTheRocketMqJson() {
        client.register("DefaultCluster", "broker-a", 0, "192.168.0.1:10911", 1, "TopicTest:4:6");
        client.register("DefaultCluster", "broker-a", 1, "192.168.0.3:10911", 1, "TopicTest:4:6");

        assertEquals(ROUTE_JSON, client.route("TopicTest"));
    }

    @Test
    void unknownTopicIsTopicNotExist() {
        RemotingCommand r = client.call(RequestCode.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", "Nope"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, r.code());
        assertTrue(r.remark().contains("No topic route info in name server for the topic: Nope"), r.remark());
    }

    @Test
    void compressedRegistrationIsDecoded() {
        client.register("DefaultCluster", "broker-a", 0, "192.168.0.1:10911", 1, true, "TopicTest:4:6", "Other:2:4");
        client.register("DefaultCluster", "broker-a", 1, "192.168.0.3:10911", 1, true, "TopicTest:4:6");

        assertEquals(ROUTE_JSON, client.route("TopicTest"));
        assertTrue(client.route("Other").contains("\"perm\":4,\"readQueueNums\":2"));
    }

    @Test
    void bodyWithWrongCrcIsRefused() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        RemotingCommand r = client.call(RequestCode.REGISTER_BROKER, Map.of("brokerName", "b", "brokerAddr",
                "1.1.1.1:1", "clusterName", "c", "haServerAddr", "1.1.1.1:2", "brokerId", "0", "bodyCrc32", "12345"),
                body);
        assertEquals(ResponseCode.SYSTEM_ERROR, r.code());
        assertEquals("crc32 not match", r.remark());
        assertNull(client.route("b"));
    }

    @Test
    void slavesGetTheirMastersAddressesAndDoNotChangeQueues() {
        RemotingCommand master = client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        assertNull(master.field("masterAddr"));
        assertNull(master.field("haServerAddr"));

        RemotingCommand slave = client.register("c1", "broker-a", 1, "10.0.0.2:10911", 7, "T:16:6", "SlaveOnly:4:6");
        assertEquals("10.0.0.1:10911", slave.field("masterAddr"));
        assertEquals("10.0.0.1:10912", slave.field("haServerAddr"));

        TopicRouteData route = Json.fromText(client.route("T"), TopicRouteData.class);
        assertEquals(4, route.getQueueDatas().get(0).getWriteQueueNums());
        assertNull(client.route("SlaveOnly"));
    }

    @Test
    void queuesChangeOnlyWhenTheDataVersionChanges() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:8:6");
        assertTrue(client.route("T").contains("\"writeQueueNums\":4"));

        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 2, "T:8:6");
        assertTrue(client.route("T").contains("\"writeQueueNums\":8"));
    }

    @Test
    void orderTopicsComeBackInTheRegistrationResponse() {
        assertEquals(ResponseCode.SUCCESS, client.call(RequestCode.PUT_KV_CONFIG,
                Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "T", "value", "broker-a:4")).code());
        RemotingCommand r = client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        assertEquals(Map.of("T", "broker-a:4"), Json.fromBytes(r.body(), KVTable.class).getTable());
    }

    @Test
    void orderTopicConfIsInTheRouteOnlyWhenEnabled() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        client.call(RequestCode.PUT_KV_CONFIG, Map.of("namespace", "ORDER_TOPIC_CONFIG", "key", "T",
                "value", "broker-a:4"));
        assertFalse(client.route("T").contains("orderTopicConf"));

        RemotingCommand update = client.call(RequestCode.UPDATE_NAMESRV_CONFIG, Map.of(),
                "orderMessageEnable=true\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, update.code(), update::toString);
        assertTrue(client.route("T").startsWith("{\"brokerDatas\""));
        assertEquals("broker-a:4", Json.fromText(client.route("T"), TopicRouteData.class).getOrderTopicConf());
    }

    @Test
    void clusterInfoListsBrokersAndClusters() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        client.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6");
        client.register("c2", "broker-c", 0, "10.0.0.3:10911", 1, "U:4:6");

        assertEquals("{\"brokerAddrTable\":{"
                + "\"broker-a\":{\"brokerAddrs\":{\"0\":\"10.0.0.1:10911\"},\"brokerName\":\"broker-a\",\"cluster\":\"c1\"},"
                + "\"broker-b\":{\"brokerAddrs\":{\"0\":\"10.0.0.2:10911\"},\"brokerName\":\"broker-b\",\"cluster\":\"c1\"},"
                + "\"broker-c\":{\"brokerAddrs\":{\"0\":\"10.0.0.3:10911\"},\"brokerName\":\"broker-c\",\"cluster\":\"c2\"}},"
                + "\"clusterAddrTable\":{\"c1\":[\"broker-a\",\"broker-b\"],\"c2\":[\"broker-c\"]}}",
                client.bodyText(RequestCode.GET_BROKER_CLUSTER_INFO, Map.of()));
    }

    @Test
    void topicListCalls() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6", "%RETRY%g:1:6");
        client.register("c2", "broker-c", 0, "10.0.0.3:10911", 1, "U:4:6");

        assertEquals(Set.of("T", "%RETRY%g", "U"), topics(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, Map.of()));
        assertEquals(Set.of("T", "%RETRY%g"), topics(RequestCode.GET_TOPICS_BY_CLUSTER, Map.of("cluster", "c1")));
        assertEquals(Set.of(), topics(RequestCode.GET_TOPICS_BY_CLUSTER, Map.of("cluster", "nope")));
        assertEquals(Set.of(), topics(RequestCode.GET_UNIT_TOPIC_LIST, Map.of()));
        assertEquals(Set.of(), topics(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, Map.of()));
        assertEquals(Set.of(), topics(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, Map.of()));

        TopicList system = Json.fromText(client.bodyText(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, Map.of()),
                TopicList.class);
        assertEquals(Set.of("c1", "c2", "broker-a", "broker-c"), system.getTopicList());
        assertTrue(Set.of("10.0.0.1:10911", "10.0.0.3:10911").contains(system.getBrokerAddr()));
    }

    private Set<String> topics(int code, Map<String, String> fields) {
        return Json.fromText(client.bodyText(code, fields), TopicList.class).getTopicList();
    }

    @Test
    void unregisterRemovesTheAddressAndTheLastOneTheBroker() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        client.register("c1", "broker-a", 1, "10.0.0.2:10911", 1, "T:4:6");

        unregister("c1", "broker-a", 1, "10.0.0.2:10911");
        assertTrue(client.route("T").contains("{\"0\":\"10.0.0.1:10911\"}"));

        unregister("c1", "broker-a", 0, "10.0.0.1:10911");
        assertNull(client.route("T"));
        assertEquals("{\"brokerAddrTable\":{},\"clusterAddrTable\":{}}",
                client.bodyText(RequestCode.GET_BROKER_CLUSTER_INFO, Map.of()));
    }

    private void unregister(String cluster, String name, long id, String addr) {
        assertEquals(ResponseCode.SUCCESS, client.call(RequestCode.UNREGISTER_BROKER, Map.of("clusterName", cluster,
                "brokerName", name, "brokerId", Long.toString(id), "brokerAddr", addr)).code());
    }

    @Test
    void brokersSilentForTheExpiryTimeAreDroppedByTheScanThread() {
        NamesrvConfig c = config();
        c.setScanNotActiveBrokerInterval(20);
        c.setBrokerChannelExpiredTime(120_000);
        try (NameServer fast = newServer(c);
             NamesrvTestClient brokerA = new NamesrvTestClient(fast.port());
             NamesrvTestClient brokerB = new NamesrvTestClient(fast.port());
             NamesrvTestClient other = new NamesrvTestClient(fast.port())) {
            brokerA.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
            brokerB.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6");
            clock.advanceMillis(100_000);
            brokerB.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6");
            clock.advanceMillis(20_001);

            await("broker-a expires", () -> !other.route("T").contains("broker-a"));
            assertTrue(other.route("T").contains("\"brokerName\":\"broker-b\""));
            clock.advanceMillis(100_000);
            await("broker-b expires", () -> other.route("T") == null);
        }
    }

    @Test
    void unchangedDataVersionQueryKeepsTheBrokerAlive() {
        try (NamesrvTestClient broker = new NamesrvTestClient(ns.port())) {
            unchangedDataVersionQueryKeepsTheBrokerAlive(broker);
        }
    }

    private void unchangedDataVersionQueryKeepsTheBrokerAlive(NamesrvTestClient broker) {
        broker.register("c1", "broker-a", 0, "10.0.0.1:10911", 5, "T:4:6");
        clock.advanceMillis(100_000);

        Map<String, String> header = Map.of("clusterName", "c1", "brokerName", "broker-a", "brokerAddr",
                "10.0.0.1:10911", "brokerId", "0");
        RemotingCommand same = broker.call(RequestCode.QUERY_DATA_VERSION, header,
                Json.toBytes(new DataVersion(1_700_000_000_000L, 5)));
        assertEquals("false", same.field("changed"));
        assertEquals(new DataVersion(1_700_000_000_000L, 5), Json.fromBytes(same.body(), DataVersion.class));
        RemotingCommand other = broker.call(RequestCode.QUERY_DATA_VERSION, header,
                Json.toBytes(new DataVersion(1_700_000_000_000L, 6)));
        assertEquals("true", other.field("changed"));

        clock.advanceMillis(100_000);
        ns.scanNotActiveBrokers();
        assertNotNull(client.route("T"));
        clock.advanceMillis(20_001);
        ns.scanNotActiveBrokers();
        assertNull(client.route("T"));
    }

    @Test
    void closingABrokersConnectionDropsItAtOnce() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
        NamesrvTestClient broker = new NamesrvTestClient(ns.port());
        broker.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6");
        broker.register("c1", "broker-b", 1, "10.0.0.3:10911", 1, "T:4:6");
        assertTrue(client.route("T").contains("broker-b"));

        broker.close();

        await("broker-b is dropped", () -> !client.route("T").contains("broker-b"));
        assertTrue(client.route("T").contains("broker-a"));
        assertFalse(client.bodyText(RequestCode.GET_BROKER_CLUSTER_INFO, Map.of()).contains("10.0.0.3"));
    }

    @Test
    void wipeAndAddWritePermission() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6", "U:4:6");
        client.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6");

        RemotingCommand wipe = client.call(RequestCode.WIPE_WRITE_PERM_OF_BROKER, Map.of("brokerName", "broker-a"));
        assertEquals(ResponseCode.SUCCESS, wipe.code());
        assertEquals("2", wipe.field("wipeTopicCount"));
        TopicRouteData route = Json.fromText(client.route("T"), TopicRouteData.class);
        assertEquals(Map.of("broker-a", 4, "broker-b", 6), perms(route));

        RemotingCommand add = client.call(RequestCode.ADD_WRITE_PERM_OF_BROKER, Map.of("brokerName", "broker-a"));
        assertEquals("2", add.field("addTopicCount"));
        assertEquals(Map.of("broker-a", 6, "broker-b", 6),
                perms(Json.fromText(client.route("T"), TopicRouteData.class)));
        assertEquals("0", client.call(RequestCode.WIPE_WRITE_PERM_OF_BROKER, Map.of("brokerName", "none"))
                .field("wipeTopicCount"));
    }

    private static Map<String, Integer> perms(TopicRouteData route) {
        return route.getQueueDatas().stream().collect(java.util.stream.Collectors.toMap(
                q -> q.getBrokerName(), q -> q.getPerm()));
    }

    @Test
    void deleteTopicEverywhereOrInOneCluster() {
        client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6", "U:4:6");
        client.register("c2", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6", "U:4:6");

        assertEquals(ResponseCode.SUCCESS, client.call(RequestCode.DELETE_TOPIC_IN_NAMESRV,
                Map.of("topic", "T", "clusterName", "c1")).code());
        TopicRouteData t = Json.fromText(client.route("T"), TopicRouteData.class);
        assertEquals(List.of("broker-b"), t.getQueueDatas().stream().map(q -> q.getBrokerName()).toList());

        client.call(RequestCode.DELETE_TOPIC_IN_NAMESRV, Map.of("topic", "U"));
        assertNull(client.route("U"));
        // A later registration with the same data version does not bring it back; a new version does.
        client.register("c2", "broker-b", 0, "10.0.0.2:10911", 1, "T:4:6", "U:4:6");
        assertNull(client.route("U"));
        client.register("c2", "broker-b", 0, "10.0.0.2:10911", 2, "T:4:6", "U:4:6");
        assertNotNull(client.route("U"));
    }

    @Test
    void kvConfigIsPersistedAcrossRestart() throws Exception {
        assertEquals(ResponseCode.SUCCESS, client.call(RequestCode.PUT_KV_CONFIG,
                Map.of("namespace", "ns1", "key", "k1", "value", "v1")).code());
        client.call(RequestCode.PUT_KV_CONFIG, Map.of("namespace", "ns1", "key", "k2", "value", "v2"));
        client.call(RequestCode.PUT_KV_CONFIG, Map.of("namespace", "ns2", "key", "k", "value", "gone"));
        client.call(RequestCode.DELETE_KV_CONFIG, Map.of("namespace", "ns2", "key", "k"));
        assertEquals("{\"configTable\":{\"ns1\":{\"k1\":\"v1\",\"k2\":\"v2\"}}}",
                Files.readString(dir.resolve("kv/kvConfig.json")));

        client.close();
        ns.close();
        ns = newServer(config());
        client = new NamesrvTestClient(ns.port());

        RemotingCommand get = client.call(RequestCode.GET_KV_CONFIG, Map.of("namespace", "ns1", "key", "k2"));
        assertEquals(ResponseCode.SUCCESS, get.code());
        assertEquals("v2", get.field("value"));
        assertEquals(ResponseCode.QUERY_NOT_FOUND,
                client.call(RequestCode.GET_KV_CONFIG, Map.of("namespace", "ns2", "key", "k")).code());
        assertEquals("{\"table\":{\"k1\":\"v1\",\"k2\":\"v2\"}}",
                client.bodyText(RequestCode.GET_KVLIST_BY_NAMESPACE, Map.of("namespace", "ns1")));
        assertEquals(ResponseCode.QUERY_NOT_FOUND,
                client.call(RequestCode.GET_KVLIST_BY_NAMESPACE, Map.of("namespace", "ns2")).code());
    }

    @Test
    void corruptKvFileStopsStartUpNamingTheFile() throws Exception {
        NamesrvConfig c = config();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        c.setKvConfigPath(bad.toString());
        NameServer s = new NameServer(c, clock);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, s::start);
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        s.close();
    }

    @Test
    void nameServerConfigCanBeReadAndUpdatedButNotItsPaths() throws Exception {
        String before = client.bodyText(RequestCode.GET_NAMESRV_CONFIG, Map.of());
        assertTrue(before.contains("orderMessageEnable=false\n"), before);
        assertTrue(before.contains("listenPort=0\n"), before);

        RemotingCommand path = client.call(RequestCode.UPDATE_NAMESRV_CONFIG, Map.of(),
                "kvConfigPath=/tmp/x\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.NO_PERMISSION, path.code());
        RemotingCommand bad = client.call(RequestCode.UPDATE_NAMESRV_CONFIG, Map.of(),
                "orderMessageEnable=maybe\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SYSTEM_ERROR, bad.code());
        assertTrue(bad.remark().contains("orderMessageEnable"), bad.remark());

        assertEquals(ResponseCode.SUCCESS, client.call(RequestCode.UPDATE_NAMESRV_CONFIG, Map.of(),
                "orderMessageEnable=true\n".getBytes(StandardCharsets.UTF_8)).code());
        assertTrue(client.bodyText(RequestCode.GET_NAMESRV_CONFIG, Map.of()).contains("orderMessageEnable=true\n"));
        assertTrue(ns.config().isOrderMessageEnable());
        assertTrue(Files.readString(dir.resolve("namesrv.properties")).contains("orderMessageEnable=true"));
    }

    @Test
    void unknownCodeIsNotSupported() {
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, client.call(9999, Map.of()).code());
    }

    @Test
    void missingRequiredHeaderIsASystemError() {
        assertEquals(ResponseCode.SYSTEM_ERROR, client.call(RequestCode.GET_ROUTEINFO_BY_TOPIC, Map.of()).code());
    }

    @Test
    void twoNameServersAreIndependent() {
        NamesrvConfig c = config();
        c.setKvConfigPath(dir.resolve("second/kvConfig.json").toString());
        try (NameServer second = newServer(c); NamesrvTestClient client2 = new NamesrvTestClient(second.port())) {
            assertTrue(second.port() != ns.port());
            client.register("c1", "broker-a", 0, "10.0.0.1:10911", 1, "T:4:6");
            client2.register("c1", "broker-b", 0, "10.0.0.2:10911", 1, "U:4:6");
            client.call(RequestCode.PUT_KV_CONFIG, Map.of("namespace", "n", "key", "k", "value", "v"));

            assertNotNull(client.route("T"));
            assertNull(client.route("U"));
            assertNotNull(client2.route("U"));
            assertNull(client2.route("T"));
            assertEquals(ResponseCode.QUERY_NOT_FOUND,
                    client2.call(RequestCode.GET_KV_CONFIG, Map.of("namespace", "n", "key", "k")).code());
        }
        assertNotNull(client.route("T"));
    }
}
