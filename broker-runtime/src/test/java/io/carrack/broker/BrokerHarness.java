package io.carrack.broker;

import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.body.ConsumeFromWhere;
import io.carrack.remoting.protocol.body.ConsumeType;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.MessageModel;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A name server and a broker on loopback free ports with the mmap store in a temp directory, and a
 * remoting client sending what the 4.9.7 client sends.
 */
final class BrokerHarness implements AutoCloseable {
    static final long TIMEOUT = 5000;

    final Path root;
    final MutableClock clock = new MutableClock();
    final NameServer namesrv;
    final RemotingClient client;
    Broker broker;
    String brokerAddr;

    BrokerHarness(Path root) {
        this(root, c -> { });
    }

    BrokerHarness(Path root, java.util.function.Consumer<BrokerConfig> customizer) {
        this.root = root;
        NamesrvConfig nc = new NamesrvConfig();
        nc.setListenPort(0);
        nc.setBindAddress("127.0.0.1");
        nc.setKvConfigPath(root.resolve("namesrv/kvConfig.json").toString());
        namesrv = new NameServer(nc);
        namesrv.start();
        client = Remoting.newClient(ClientConfig.defaults());
        startBroker(customizer);
    }

    static BrokerConfig config(Path root, String namesrvAddr) {
        BrokerConfig c = new BrokerConfig();
        c.setBrokerName("broker-a");
        c.setBrokerClusterName("TestCluster");
        c.setBindAddress("127.0.0.1");
        c.setBrokerIP1("127.0.0.1");
        c.setListenPort(0);
        c.setNamesrvAddr(namesrvAddr);
        c.setStorePathRootDir(root.resolve("broker").toString());
        c.setMappedFileSizeCommitLog(4 * 1024 * 1024);
        c.setMappedFileSizeConsumeQueue(6000 * 20);
        c.setPullMessageThreadPoolNums(4);
        c.setSendMessageThreadPoolNums(2);
        c.setAdminBrokerThreadPoolNums(2);
        c.setClientManageThreadPoolNums(2);
        c.setConsumerManageThreadPoolNums(2);
        c.setQueryMessageThreadPoolNums(2);
        c.setHeartbeatThreadPoolNums(2);
        c.setServerWorkerThreads(2);
        c.setFlushConsumerOffsetInterval(200);
        c.setFlushDelayOffsetInterval(200);
        return c;
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrv.port();
    }

    void startBroker(java.util.function.Consumer<BrokerConfig> customizer) {
        BrokerConfig c = config(root, namesrvAddr());
        customizer.accept(c);
        broker = new Broker(c, clock);
        broker.start();
        brokerAddr = "127.0.0.1:" + broker.port();
    }

    void restartBroker() {
        broker.close();
        client.closeChannel(brokerAddr);
        startBroker(c -> { });
    }

    RemotingCommand call(RemotingCommand request) {
        return client.invokeSync(brokerAddr, request, TIMEOUT);
    }

    RemotingCommand callNamesrv(RemotingCommand request) {
        return client.invokeSync(namesrvAddr(), request, TIMEOUT);
    }

    /** A SEND_MESSAGE_V2 request as the 4.9.7 producer writes it. */
    static RemotingCommand sendV2(String topic, int queueId, String properties, byte[] body) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .field("a", "PG").field("b", topic).field("c", "TBW102").field("d", 4).field("e", queueId)
                .field("f", 0).field("g", System.currentTimeMillis()).field("h", 0).field("i", properties)
                .field("j", 0).field("k", false).field("m", false).field("n", "broker-a").body(body);
    }

    static String props(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('\u0002');
            }
            sb.append(kv[i]).append('\u0001').append(kv[i + 1]);
        }
        return sb.toString();
    }

    /** A PULL_MESSAGE request; subscription given in the request (sysFlag bit 0x4) when not null. */
    static RemotingCommand pull(String group, String topic, int queueId, long offset, int sysFlag, long suspendMillis,
                                String subscription) {
        RemotingCommand r = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .field("consumerGroup", group).field("topic", topic).field("queueId", queueId)
                .field("queueOffset", offset).field("maxMsgNums", 32).field("sysFlag", sysFlag)
                .field("commitOffset", 0).field("suspendTimeoutMillis", suspendMillis).field("subVersion", 0)
                .field("expressionType", "TAG").field("bname", "broker-a");
        if (subscription != null) {
            r.field("subscription", subscription);
        }
        return r;
    }

    static RemotingCommand heartbeat(String clientId, String group, String... topics) {
        HeartbeatData hb = new HeartbeatData();
        hb.setClientID(clientId);
        ProducerData pd = new ProducerData();
        pd.setGroupName("CLIENT_INNER_PRODUCER");
        hb.getProducerDataSet().add(pd);
        if (group != null) {
            ConsumerData cd = new ConsumerData();
            cd.setGroupName(group);
            cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
            cd.setMessageModel(MessageModel.CLUSTERING);
            cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            for (String t : topics) {
                cd.getSubscriptionDataSet().add(SubscriptionData.of(t, "*", "TAG", 1));
            }
            hb.getConsumerDataSet().add(cd);
        }
        return RemotingCommand.request(RequestCode.HEART_BEAT).body(Json.toBytes(hb));
    }

    static List<StoredMessage> decode(byte[] body) {
        return StoredMessageCodec.decodeAll(ByteBuffer.wrap(body));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            client.close();
            namesrv.close();
        }
    }
}
