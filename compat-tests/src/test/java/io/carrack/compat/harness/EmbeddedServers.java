package io.carrack.compat.harness;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.common.config.BindResult;
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
     * Starts a name server and a broker configured by {@code brokerProperties} (broker.conf keys),
     * both on 127.0.0.1 and a port the system picks, the broker registering with the name server.
     */
    static RunningServers start(Properties brokerProperties) {
        Path root = Path.of(brokerProperties.getProperty("storePathRootDir"));
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.setBindAddress("127.0.0.1");
        namesrvConfig.setListenPort(0);
        namesrvConfig.setKvConfigPath(root.resolve("namesrv").resolve("kvConfig.json").toString());
        namesrvConfig.setConfigStorePath(root.resolve("namesrv").resolve("namesrv.properties").toString());
        NameServer nameServer = new NameServer(namesrvConfig);
        nameServer.start();
        try {
            String namesrvAddr = "127.0.0.1:" + nameServer.port();
            Properties props = new Properties();
            props.putAll(brokerProperties);
            props.setProperty("namesrvAddr", namesrvAddr);
            props.setProperty("bindAddress", "127.0.0.1");
            props.setProperty("listenPort", "0");
            BrokerConfig brokerConfig = new BrokerConfig();
            BindResult bound = ConfigBinder.builder().bean(brokerConfig).build().bind(props);
            if (!bound.warnings().isEmpty()) {
                throw new IllegalStateException("broker config warnings: " + bound.warnings());
            }
            Broker broker = new Broker(brokerConfig);
            try {
                broker.start();
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
            String brokerAddr = broker.address();
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
