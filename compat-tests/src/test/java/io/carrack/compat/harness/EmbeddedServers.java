package io.carrack.compat.harness;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.common.config.ConfigBinder;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Starts Carrack's name server and broker: the only class of the harness that knows Carrack's
 * server APIs (everything else speaks to them through the official client).
 */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    /**
     * Starts a name server on {@code namesrvPort} and a broker configured by {@code brokerProperties}
     * (broker.conf keys), whose {@code namesrvAddr} points at that name server.
     */
    static RunningServers start(int namesrvPort, Properties brokerProperties) {
        Path root = Path.of(brokerProperties.getProperty("storePathRootDir"));
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.setBindAddress("127.0.0.1");
        namesrvConfig.setListenPort(namesrvPort);
        namesrvConfig.setKvConfigPath(root.resolve("namesrv").resolve("kvConfig.json").toString());
        namesrvConfig.setConfigStorePath(root.resolve("namesrv").resolve("namesrv.properties").toString());
        NameServer nameServer = new NameServer(namesrvConfig);
        nameServer.start();
        try {
            BrokerConfig brokerConfig = new BrokerConfig();
            ConfigBinder.builder().bean(brokerConfig).section("store.").build().bind(brokerProperties);
            brokerConfig.setBindAddress("127.0.0.1");
            Broker broker = new Broker(brokerConfig);
            broker.start();
            String namesrvAddr = "127.0.0.1:" + nameServer.port();
            String brokerAddr = "127.0.0.1:" + broker.port();
            return new RunningServers() {
                @Override
                public String namesrvAddr() {
                    return namesrvAddr;
                }

                @Override
                public String brokerAddr() {
                    return brokerAddr;
                }

                @Override
                public void close() {
                    try {
                        broker.close();
                    } finally {
                        nameServer.close();
                    }
                }
            };
        } catch (RuntimeException | Error e) {
            nameServer.close();
            throw e;
        }
    }
}
