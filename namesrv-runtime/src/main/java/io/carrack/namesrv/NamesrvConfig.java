package io.carrack.namesrv;

import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigBinder;
import io.carrack.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Name-server settings, bound from {@code namesrv.conf} by key (RocketMQ's names where the concept
 * exists, so an Apache RocketMQ namesrv.conf works). Keys and defaults:
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>listenPort</td><td>9876</td><td>port to listen on; 0 picks a free port</td></tr>
 *   <tr><td>bindAddress</td><td>0.0.0.0</td><td>address to bind (Carrack key)</td></tr>
 *   <tr><td>kvConfigPath</td><td>$CARRACK_HOME/namesrv/kvConfig.json</td><td>KV config file</td></tr>
 *   <tr><td>configStorePath</td><td>$CARRACK_HOME/namesrv/namesrv.properties</td>
 *       <td>where UPDATE_NAMESRV_CONFIG writes the effective settings</td></tr>
 *   <tr><td>orderMessageEnable</td><td>false</td><td>put {@code orderTopicConf} from the
 *       {@code ORDER_TOPIC_CONFIG} namespace into routes</td></tr>
 *   <tr><td>serverWorkerThreads</td><td>8</td><td>request-processing threads</td></tr>
 *   <tr><td>serverSelectorThreads</td><td>3</td><td>network I/O threads</td></tr>
 *   <tr><td>serverChannelMaxIdleTimeSeconds</td><td>120</td><td>close idle connections after this</td></tr>
 *   <tr><td>scanNotActiveBrokerInterval</td><td>10000</td><td>ms between expiry scans (the first
 *       runs at start)</td></tr>
 *   <tr><td>brokerChannelExpiredTime</td><td>120000</td><td>ms without registration after which a
 *       broker is dropped</td></tr>
 *   <tr><td>productEnvName, clusterTest, rocketmqHome</td><td></td><td>accepted for RocketMQ
 *       compatibility; no effect</td></tr>
 * </table>
 *
 * <p>{@code $CARRACK_HOME} is the system property {@code carrack.home}, else the environment variable
 * {@code CARRACK_HOME}, else {@code ~/carrack}.
 *
 * <p>Thread safety: not thread-safe; a {@link NameServer} takes a copy when built.
 */
public final class NamesrvConfig {
    public static final int DEFAULT_LISTEN_PORT = 9876;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_SERVER_WORKER_THREADS = 8;
    public static final int DEFAULT_SERVER_SELECTOR_THREADS = 3;
    public static final int DEFAULT_IDLE_SECONDS = 120;
    public static final long DEFAULT_SCAN_INTERVAL_MILLIS = 10_000;
    public static final long DEFAULT_BROKER_EXPIRED_MILLIS = 120_000;

    private int listenPort = DEFAULT_LISTEN_PORT;
    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private String kvConfigPath = home().resolve("namesrv").resolve("kvConfig.json").toString();
    private String configStorePath = home().resolve("namesrv").resolve("namesrv.properties").toString();
    private boolean orderMessageEnable;
    private String productEnvName = "center";
    private boolean clusterTest;
    private String rocketmqHome = "";
    private int serverWorkerThreads = DEFAULT_SERVER_WORKER_THREADS;
    private int serverSelectorThreads = DEFAULT_SERVER_SELECTOR_THREADS;
    private int serverChannelMaxIdleTimeSeconds = DEFAULT_IDLE_SECONDS;
    private long scanNotActiveBrokerInterval = DEFAULT_SCAN_INTERVAL_MILLIS;
    private long brokerChannelExpiredTime = DEFAULT_BROKER_EXPIRED_MILLIS;

    /** Carrack's home directory: {@code carrack.home}, else {@code $CARRACK_HOME}, else {@code ~/carrack}. */
    public static Path home() {
        String p = System.getProperty("carrack.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("CARRACK_HOME");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), "carrack");
        }
        return Path.of(p);
    }

    /**
     * Binds properties onto this configuration and validates the result. Unknown keys are logged and
     * returned as warnings naming the closest known key.
     *
     * @throws ConfigException naming the key, if a value is malformed or out of range; nothing is changed
     */
    public BindResult bind(Properties props) {
        NamesrvConfig trial = copy();
        BindResult result = ConfigBinder.of(trial).bind(props);
        trial.validate();
        assign(trial);
        return result;
    }

    /** Reads a properties file and binds it, as {@link #bind(Properties)}. */
    public BindResult bind(Path file) {
        NamesrvConfig trial = copy();
        BindResult result = ConfigBinder.of(trial).bind(file);
        trial.validate();
        assign(trial);
        return result;
    }

    /** The effective settings as sorted {@code key=value} lines. */
    public String describe() {
        return ConfigBinder.of(this).describe(null);
    }

    /**
     * Checks ranges.
     *
     * @throws ConfigException naming the first bad key
     */
    public void validate() {
        range("listenPort", listenPort, 0, 65535);
        notBlank("bindAddress", bindAddress);
        notBlank("kvConfigPath", kvConfigPath);
        notBlank("configStorePath", configStorePath);
        range("serverWorkerThreads", serverWorkerThreads, 1, 1024);
        range("serverSelectorThreads", serverSelectorThreads, 1, 1024);
        range("serverChannelMaxIdleTimeSeconds", serverChannelMaxIdleTimeSeconds, 0, Integer.MAX_VALUE);
        range("scanNotActiveBrokerInterval", scanNotActiveBrokerInterval, 1, Long.MAX_VALUE);
        range("brokerChannelExpiredTime", brokerChannelExpiredTime, 1, Long.MAX_VALUE);
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, "bad value for " + key + ": " + value + "; accepted: an integer from "
                    + min + " to " + max);
        }
    }

    private static void notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "bad value for " + key + ": it must not be empty");
        }
    }

    /** A field-by-field copy. */
    public NamesrvConfig copy() {
        NamesrvConfig c = new NamesrvConfig();
        c.assign(this);
        return c;
    }

    private void assign(NamesrvConfig o) {
        listenPort = o.listenPort;
        bindAddress = o.bindAddress;
        kvConfigPath = o.kvConfigPath;
        configStorePath = o.configStorePath;
        orderMessageEnable = o.orderMessageEnable;
        productEnvName = o.productEnvName;
        clusterTest = o.clusterTest;
        rocketmqHome = o.rocketmqHome;
        serverWorkerThreads = o.serverWorkerThreads;
        serverSelectorThreads = o.serverSelectorThreads;
        serverChannelMaxIdleTimeSeconds = o.serverChannelMaxIdleTimeSeconds;
        scanNotActiveBrokerInterval = o.scanNotActiveBrokerInterval;
        brokerChannelExpiredTime = o.brokerChannelExpiredTime;
    }

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public String getKvConfigPath() {
        return kvConfigPath;
    }

    public void setKvConfigPath(String kvConfigPath) {
        this.kvConfigPath = kvConfigPath;
    }

    public String getConfigStorePath() {
        return configStorePath;
    }

    public void setConfigStorePath(String configStorePath) {
        this.configStorePath = configStorePath;
    }

    public boolean isOrderMessageEnable() {
        return orderMessageEnable;
    }

    public void setOrderMessageEnable(boolean orderMessageEnable) {
        this.orderMessageEnable = orderMessageEnable;
    }

    public String getProductEnvName() {
        return productEnvName;
    }

    public void setProductEnvName(String productEnvName) {
        this.productEnvName = productEnvName;
    }

    public boolean isClusterTest() {
        return clusterTest;
    }

    public void setClusterTest(boolean clusterTest) {
        this.clusterTest = clusterTest;
    }

    public String getRocketmqHome() {
        return rocketmqHome;
    }

    public void setRocketmqHome(String rocketmqHome) {
        this.rocketmqHome = rocketmqHome;
    }

    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public void setServerWorkerThreads(int serverWorkerThreads) {
        this.serverWorkerThreads = serverWorkerThreads;
    }

    public int getServerSelectorThreads() {
        return serverSelectorThreads;
    }

    public void setServerSelectorThreads(int serverSelectorThreads) {
        this.serverSelectorThreads = serverSelectorThreads;
    }

    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public void setServerChannelMaxIdleTimeSeconds(int serverChannelMaxIdleTimeSeconds) {
        this.serverChannelMaxIdleTimeSeconds = serverChannelMaxIdleTimeSeconds;
    }

    /** Milliseconds between expiry scans. */
    public long getScanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public void setScanNotActiveBrokerInterval(long millis) {
        this.scanNotActiveBrokerInterval = millis;
    }

    /** Milliseconds without registration after which a broker is dropped. */
    public long getBrokerChannelExpiredTime() {
        return brokerChannelExpiredTime;
    }

    public void setBrokerChannelExpiredTime(long millis) {
        this.brokerChannelExpiredTime = millis;
    }

    @Override
    public String toString() {
        return "NamesrvConfig[" + describe().strip().replace('\n', ',') + "]";
    }
}
