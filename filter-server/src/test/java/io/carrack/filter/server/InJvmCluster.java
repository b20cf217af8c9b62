package io.carrack.filter.server;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A name server and a broker (mmap store) on loopback free ports, and a client to send and pull with. */
final class InJvmCluster implements AutoCloseable {
    static final long TIMEOUT = 5000;

    final NameServer namesrv;
    final Broker broker;
    final RemotingClient client = Remoting.newClient(ClientConfig.defaults());
    final String brokerAddr;

    InJvmCluster(Path root, Consumer<BrokerConfig> customizer) {
        NamesrvConfig nc = new NamesrvConfig();
        nc.setListenPort(0);
        nc.setBindAddress("127.0.0.1");
        nc.setKvConfigPath(root.resolve("namesrv/kvConfig.json").toString());
        namesrv = new NameServer(nc);
        namesrv.start();
        BrokerConfig c = new BrokerConfig();
        c.setBrokerName("broker-a");
        c.setBrokerClusterName("TestCluster");
        c.setBindAddress("127.0.0.1");
        c.setBrokerIP1("127.0.0.1");
        c.setListenPort(0);
        c.setNamesrvAddr(namesrvAddr());
        c.setStorePathRootDir(root.resolve("broker").toString());
        c.setMappedFileSizeCommitLog(4 * 1024 * 1024);
        c.setMappedFileSizeConsumeQueue(6000 * 20);
        c.setPullMessageThreadPoolNums(2);
        c.setSendMessageThreadPoolNums(1);
        c.setAdminBrokerThreadPoolNums(1);
        c.setClientManageThreadPoolNums(1);
        c.setConsumerManageThreadPoolNums(1);
        c.setQueryMessageThreadPoolNums(1);
        c.setHeartbeatThreadPoolNums(1);
        c.setServerWorkerThreads(2);
        customizer.accept(c);
        broker = new Broker(c);
        broker.start();
        brokerAddr = "127.0.0.1:" + broker.port();
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrv.port();
    }

    /** Sends one message to a queue (SEND_MESSAGE_V2, auto-creating the topic with 4 queues). */
    long send(String topic, int queueId, String tag, String n, String body) {
        String props = "TAGS\u0001" + tag + "\u0002n\u0001" + n + "\u0002WAIT\u0001true";
        RemotingCommand r = client.invokeSync(brokerAddr, RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .field("a", "PG").field("b", topic).field("c", "TBW102").field("d", 4).field("e", queueId)
                .field("f", 0).field("g", System.currentTimeMillis()).field("h", 0).field("i", props)
                .field("j", 0).field("k", false).field("m", false).field("n", "broker-a")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), TIMEOUT);
        if (r.code() != ResponseCode.SUCCESS) {
            throw new AssertionError("send failed: " + r.code() + " " + r.remark());
        }
        return r.longField("queueOffset");
    }

    /** A plain pull straight from the broker with subscription {@code *}. */
    RemotingCommand pullFromBroker(String group, String topic, int queueId, long offset) {
        return client.invokeSync(brokerAddr, RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .field("consumerGroup", group).field("topic", topic).field("queueId", queueId)
                .field("queueOffset", offset).field("maxMsgNums", 32).field("sysFlag", 0x4)
                .field("commitOffset", 0).field("suspendTimeoutMillis", 0).field("subscription", "*")
                .field("subVersion", 0).field("expressionType", "TAG"), TIMEOUT);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            client.close();
            namesrv.close();
        }
    }
}
