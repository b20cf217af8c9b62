package io.carrack.client.it;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.client.ClientSettings;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** A name server and one broker (mmap store) in this JVM, on free loopback ports. */
final class Cluster implements AutoCloseable {
    private final NameServer nameServer;
    private final Broker broker;

    private Cluster(NameServer nameServer, Broker broker) {
        this.nameServer = nameServer;
        this.broker = broker;
    }

    static Cluster start(Path dir) {
        return start(dir, bc -> { });
    }

    /** A cluster whose broker configuration is adjusted by {@code customizer} before it starts. */
    static Cluster start(Path dir, java.util.function.Consumer<BrokerConfig> customizer) {
        NamesrvConfig nc = new NamesrvConfig();
        nc.setBindAddress("127.0.0.1");
        nc.setListenPort(0);
        nc.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        nc.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NameServer ns = new NameServer(nc);
        ns.start();
        try {
            BrokerConfig bc = new BrokerConfig();
            bc.setBrokerName("broker-a");
            bc.setBindAddress("127.0.0.1");
            bc.setBrokerIP1("127.0.0.1");
            bc.setListenPort(freePort());
            bc.setNamesrvAddr("127.0.0.1:" + ns.port());
            bc.setStorePathRootDir(dir.resolve("broker").toString());
            bc.setMappedFileSizeCommitLog(16 * 1024 * 1024);
            customizer.accept(bc);
            Broker broker = new Broker(bc);
            broker.start();
            return new Cluster(ns, broker);
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }

    String namesrvAddr() {
        return "127.0.0.1:" + nameServer.port();
    }

    /** The broker's address, {@code 127.0.0.1:port}. */
    String brokerAddr() {
        return "127.0.0.1:" + broker.port();
    }

    /** Client settings for tests: fast route refresh and heartbeats. */
    ClientSettings settings() {
        return ClientSettings.of(namesrvAddr()).withPollNameServerInterval(Duration.ofSeconds(1))
                .withHeartbeatInterval(Duration.ofSeconds(2)).withPersistOffsetInterval(Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            nameServer.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
