package io.carrack.compat.harness;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigBinder;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Starts Carrack's name server and broker: the only class of the harness that knows Carrack's
 * server APIs (everything else speaks to them through the official client).
 */
final class EmbeddedServers {

    /** The prefix of store-specific broker.conf keys, {@code store.<storeType>.<key>}. */
    private static final String STORE_SECTION = "store.";

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
            BrokerConfig brokerConfig = bind(props);
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

    /**
     * Binds broker.conf keys as mqbroker does: the {@code store.<storeType>.*} keys go to the store
     * ({@link BrokerConfig#getStoreProperties()}, prefix removed). Any other unknown key, and a store key of
     * another store type, is refused: in the harness it can only be a mistake.
     */
    static BrokerConfig bind(Properties props) {
        BrokerConfig config = new BrokerConfig();
        BindResult bound = ConfigBinder.builder().bean(config).section(STORE_SECTION).build().bind(props);
        List<String> problems = new ArrayList<>();
        bound.warnings().forEach(w -> problems.add(w.message()));
        String mine = config.getStoreType() + ".";
        Map<String, String> storeProperties = new TreeMap<>();
        bound.section(STORE_SECTION).forEach((key, value) -> {
            if (key.startsWith(mine) && key.length() > mine.length()) {
                storeProperties.put(key.substring(mine.length()), value);
            } else {
                problems.add(STORE_SECTION + key + " is not a key of storeType=" + config.getStoreType());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("broker config warnings: " + problems);
        }
        config.storeProperties(storeProperties);
        return config;
    }
}
