package io.carrack.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.body.TopicConfigSerializeWrapper;
import org.apache.rocketmq.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apache RocketMQ 4.9.7 jars against a Carrack name server: broker-side registration as
 * {@code BrokerOuterAPI} sends it (plain and compressed), and the client/admin calls of
 * {@code MQClientAPIImpl}.
 */
class OfficialClientCompatTest {
    private static final long TIMEOUT = 5_000;

    @TempDir
    Path dir;
    private NameServer ns;
    private String nsAddr;
    private NettyRemotingClient brokerSide;
    private MQClientAPIImpl api;

    @BeforeEach
    void start() {
        NamesrvConfig c = new NamesrvConfig();
        c.setBindAddress("127.0.0.1");
        c.setListenPort(0);
        c.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        c.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        c.setServerWorkerThreads(2);
        c.setServerSelectorThreads(1);
        ns = new NameServer(c);
        ns.start();
        nsAddr = "127.0.0.1:" + ns.port();

        brokerSide = new NettyRemotingClient(new NettyClientConfig());
        brokerSide.start();
        ClientConfig clientConfig = new ClientConfig();
        clientConfig.setNamesrvAddr(nsAddr);
        api = new MQClientAPIImpl(new NettyClientConfig(), null, null, clientConfig);
        api.updateNameServerAddressList(nsAddr);
        api.start();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.shutdown();
        }
        if (brokerSide != null) {
            brokerSide.shutdown();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Registers as the 4.9.7 broker does (BrokerOuterAPI.registerBroker). */
    private RemotingCommand register(String brokerName, long id, String addr, boolean compressed, long counter,
                                     String... topics) throws Exception {
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        DataVersion version = new DataVersion();
        version.setTimestamp(1_700_000_000_000L);
        version.getCounter().set(counter);
        wrapper.setDataVersion(version);
        for (String t : topics) {
            wrapper.getTopicConfigTable().put(t, new TopicConfig(t, 4, 4, 6));
        }
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        byte[] bytes = body.encode(compressed);

        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerAddr(addr);
        header.setBrokerId(id);
        header.setBrokerName(brokerName);
        header.setClusterName("DefaultCluster");
        header.setHaServerAddr(addr.replace(":10911", ":10912"));
        header.setCompressed(compressed);
        header.setBodyCrc32(UtilAll.crc32(bytes));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setBody(bytes);
        RemotingCommand response = brokerSide.invokeSync(nsAddr, request, TIMEOUT);
        assertEquals(ResponseCode.SUCCESS, response.getCode(), response::toString);
        return response;
    }

    @Test
    void brokerRegistrationsAndRoutesThroughTheOfficialClient() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", true, 1, "TopicTest", "TBW102");
        RemotingCommand slave = register("broker-a", 1, "10.0.0.2:10911", false, 1, "TopicTest");
        register("broker-b", 0, "10.0.0.3:10911", false, 1, "TopicTest");

        RegisterBrokerResponseHeader slaveHeader = (RegisterBrokerResponseHeader)
                slave.decodeCommandCustomHeader(RegisterBrokerResponseHeader.class);
        assertEquals("10.0.0.1:10911", slaveHeader.getMasterAddr());
        assertEquals("10.0.0.1:10912", slaveHeader.getHaServerAddr());

        TopicRouteData route = api.getTopicRouteInfoFromNameServer("TopicTest", TIMEOUT);
        Map<String, Map<Long, String>> addrs = route.getBrokerDatas().stream()
                .collect(Collectors.toMap(b -> b.getBrokerName(), b -> b.getBrokerAddrs()));
        assertEquals(Map.of("broker-a", Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911"),
                "broker-b", Map.of(0L, "10.0.0.3:10911")), addrs);
        assertEquals(Set.of("broker-a", "broker-b"),
                route.getQueueDatas().stream().map(QueueData::getBrokerName).collect(Collectors.toSet()));
        QueueData qd = route.getQueueDatas().get(0);
        assertEquals(4, qd.getReadQueueNums());
        assertEquals(4, qd.getWriteQueueNums());
        assertEquals(6, qd.getPerm());
        assertNotNull(route.getFilterServerTable());

        MQClientException missing = assertThrows(MQClientException.class,
                () -> api.getTopicRouteInfoFromNameServer("NoSuchTopic", TIMEOUT));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, missing.getResponseCode());

        ClusterInfo cluster = api.getBrokerClusterInfo(TIMEOUT);
        assertEquals(Set.of("broker-a", "broker-b"), cluster.getClusterAddrTable().get("DefaultCluster"));
        assertEquals("10.0.0.2:10911", cluster.getBrokerAddrTable().get("broker-a").getBrokerAddrs().get(1L));

        assertEquals(Set.of("TopicTest", "TBW102"), api.getTopicListFromNameServer(TIMEOUT).getTopicList());
        assertEquals(Set.of("TopicTest", "TBW102"),
                api.getTopicsByCluster("DefaultCluster", TIMEOUT).getTopicList());
        assertTrue(api.getUnitTopicList(false, TIMEOUT).getTopicList().isEmpty());
    }

    @Test
    void writePermissionAndTopicDeletion() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, 1, "T1", "T2");

        assertEquals(2, api.wipeWritePermOfBroker(nsAddr, "broker-a", TIMEOUT));
        assertEquals(4, api.getTopicRouteInfoFromNameServer("T1", TIMEOUT).getQueueDatas().get(0).getPerm());
        assertEquals(2, api.addWritePermOfBroker(nsAddr, "broker-a", TIMEOUT));
        assertEquals(6, api.getTopicRouteInfoFromNameServer("T1", TIMEOUT).getQueueDatas().get(0).getPerm());

        api.deleteTopicInNameServer(nsAddr, "T1", "DefaultCluster", TIMEOUT);
        assertThrows(MQClientException.class, () -> api.getTopicRouteInfoFromNameServer("T1", TIMEOUT));
        assertNotNull(api.getTopicRouteInfoFromNameServer("T2", TIMEOUT));
    }

    @Test
    void dataVersionQueryAndUnregister() throws Exception {
        register("broker-a", 0, "10.0.0.1:10911", false, 3, "T1");

        QueryDataVersionRequestHeader q = new QueryDataVersionRequestHeader();
        q.setBrokerAddr("10.0.0.1:10911");
        q.setBrokerId(0L);
        q.setBrokerName("broker-a");
        q.setClusterName("DefaultCluster");
        DataVersion same = new DataVersion();
        same.setTimestamp(1_700_000_000_000L);
        same.getCounter().set(3);
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.QUERY_DATA_VERSION, q);
        request.setBody(same.encode());
        RemotingCommand response = brokerSide.invokeSync(nsAddr, request, TIMEOUT);
        assertEquals(ResponseCode.SUCCESS, response.getCode());
        QueryDataVersionResponseHeader qh = (QueryDataVersionResponseHeader)
                response.decodeCommandCustomHeader(QueryDataVersionResponseHeader.class);
        assertEquals(Boolean.FALSE, qh.getChanged());
        assertEquals(same, DataVersion.decode(response.getBody(), DataVersion.class));

        UnRegisterBrokerRequestHeader u = new UnRegisterBrokerRequestHeader();
        u.setBrokerAddr("10.0.0.1:10911");
        u.setBrokerId(0L);
        u.setBrokerName("broker-a");
        u.setClusterName("DefaultCluster");
        RemotingCommand unregister = RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_BROKER, u);
        assertEquals(ResponseCode.SUCCESS, brokerSide.invokeSync(nsAddr, unregister, TIMEOUT).getCode());
        assertThrows(MQClientException.class, () -> api.getTopicRouteInfoFromNameServer("T1", TIMEOUT));
    }

    @Test
    void kvConfigAndNameServerConfig() throws Exception {
        api.putKVConfigValue("ORDER_TOPIC_CONFIG", "T1", "broker-a:4", TIMEOUT);
        assertEquals("broker-a:4", api.getKVConfigValue("ORDER_TOPIC_CONFIG", "T1", TIMEOUT));
        KVTable table = api.getKVListByNamespace("ORDER_TOPIC_CONFIG", TIMEOUT);
        assertEquals(Map.of("T1", "broker-a:4"), table.getTable());

        RemotingCommand registered = register("broker-a", 0, "10.0.0.1:10911", false, 1, "T1");
        assertEquals(Map.of("T1", "broker-a:4"), KVTable.decode(registered.getBody(), KVTable.class).getTable());

        Properties update = new Properties();
        update.setProperty("orderMessageEnable", "true");
        api.updateNameServerConfig(update, List.of(nsAddr), TIMEOUT);
        Properties current = api.getNameServerConfig(List.of(nsAddr), TIMEOUT).get(nsAddr);
        assertEquals("true", current.getProperty("orderMessageEnable"));
        assertEquals("broker-a:4", api.getTopicRouteInfoFromNameServer("T1", TIMEOUT).getOrderTopicConf());

        api.deleteKVConfigValue("ORDER_TOPIC_CONFIG", "T1", TIMEOUT);
        MQClientException gone = assertThrows(MQClientException.class,
                () -> api.getKVConfigValue("ORDER_TOPIC_CONFIG", "T1", TIMEOUT));
        assertEquals(ResponseCode.QUERY_NOT_FOUND, gone.getResponseCode());
        assertNull(api.getTopicRouteInfoFromNameServer("T1", TIMEOUT).getOrderTopicConf());
    }
}
