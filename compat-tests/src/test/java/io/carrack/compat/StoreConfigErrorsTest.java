package io.carrack.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.ChildBroker;
import io.carrack.compat.harness.EmbeddedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Store configuration mistakes, as {@code mqbroker} (BrokerStartup in a child JVM) reports them: a
 * {@code storeType} whose store is not on the path fails start-up listing the stores found; a store key of
 * another store is a start-up warning naming it; an unreachable JDBC database fails start-up naming the URL,
 * password masked, and the driver's message. The broker's output is kept in
 * {@code target/compat-work/config-*}.
 */
class StoreConfigErrorsTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(40);
    private static final int STARTUP_FAILED = 1;

    @Test
    void storeTypeNotOnTheClassPathFailsListingTheStoresFound() throws Exception {
        Path dir = EmbeddedCluster.newWorkDir("config-missing-store");
        Properties conf = baseConf(dir);
        conf.setProperty("storeType", "lmdb");
        Path confFile = dir.resolve("broker.conf");
        ChildBroker.writeConf(conf, confFile);
        Predicate<String> withoutLmdb = entry -> !Path.of(entry).toString().contains("store-lmdb");
        String classPath = System.getProperty("java.class.path");
        assertTrue(Arrays.stream(classPath.split(java.io.File.pathSeparator)).anyMatch(withoutLmdb.negate()),
                () -> "the store-lmdb module is not a class path entry of its own here: " + classPath);

        try (ChildBroker broker = ChildBroker.launch(confFile, null, dir.resolve("broker.log"), withoutLmdb)) {
            assertEquals(STARTUP_FAILED, broker.awaitExit(EXIT_TIMEOUT), broker::tail);
            String out = broker.output();
            assertTrue(out.contains("mqbroker: failed to start: unknown storeType 'lmdb'"), out);
            Matcher found = Pattern.compile("store providers found: ([^\\n]*)").matcher(out);
            assertTrue(found.find(), out);
            Set<String> stores = new TreeSet<>(Arrays.asList(found.group(1).trim().split(",\\s*")));
            assertEquals(Set.of("jdbc", "mmap"), stores, "the stores found, in: " + found.group());
        }
    }

    @Test
    void storeKeyOfAnotherStoreIsAStartupWarningNamingIt() throws Exception {
        Path dir = EmbeddedCluster.newWorkDir("config-other-store-key");
        Properties conf = baseConf(dir);
        conf.setProperty("storeType", "jdbc");
        conf.setProperty("store.lmdb.mapSize", "1073741824");
        conf.setProperty("store.jdbc.poolSize", "2");
        Path confFile = dir.resolve("broker.conf");
        ChildBroker.writeConf(conf, confFile);

        try (ChildBroker broker = ChildBroker.launch(confFile, null, dir.resolve("broker.log"), e -> true)) {
            broker.awaitBoot(BOOT_TIMEOUT);
            String out = broker.output();
            assertTrue(out.contains("mqbroker: warning: ignoring store.lmdb.mapSize: it is a key of store 'lmdb', "
                    + "but storeType=jdbc"), out);
            assertFalse(out.contains("store.jdbc.poolSize"), () -> "a key of the configured store is no warning: "
                    + out);
        }
    }

    @Test
    void unreachableJdbcDatabaseFailsNamingTheMaskedUrlAndTheDriversMessage() throws Exception {
        Path dir = EmbeddedCluster.newWorkDir("config-unreachable-jdbc");
        int port = closedPort();
        String urlSecret = "url-secret-" + Long.toString(System.nanoTime(), 36);
        String keySecret = "key-secret-" + Long.toString(System.nanoTime(), 36);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/carrack?sslmode=disable&password=" + urlSecret;
        Properties conf = baseConf(dir);
        conf.setProperty("storeType", "jdbc");
        conf.setProperty("store.jdbc.url", url);
        conf.setProperty("store.jdbc.user", "carrack");
        conf.setProperty("store.jdbc.password", keySecret);
        conf.setProperty("store.jdbc.connectTimeoutMillis", "3000");
        Path confFile = dir.resolve("broker.conf");
        ChildBroker.writeConf(conf, confFile);

        try (ChildBroker broker = ChildBroker.launch(confFile, null, dir.resolve("broker.log"), e -> true)) {
            assertEquals(STARTUP_FAILED, broker.awaitExit(EXIT_TIMEOUT), broker::tail);
            String out = broker.output();
            int line = out.indexOf("mqbroker: failed to start: ");
            assertTrue(line >= 0, out);
            String failure = out.substring(line, out.indexOf('\n', line) < 0 ? out.length() : out.indexOf('\n', line));
            assertTrue(failure.contains("jdbc:postgresql://127.0.0.1:" + port + "/carrack?sslmode=disable&password=***"),
                    () -> "the failure names the URL, password masked: " + failure);
            assertTrue(failure.contains("Connection to 127.0.0.1:" + port + " refused"),
                    () -> "the failure carries the driver's message: " + failure);
            assertFalse(out.contains(urlSecret), () -> "the URL's password is printed somewhere:\n" + out);
            assertFalse(out.contains(keySecret), () -> "store.jdbc.password is printed somewhere:\n" + out);
        }
    }

    /** A broker.conf on 127.0.0.1 without a name server, its store under {@code dir/store}. */
    private static Properties baseConf(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("brokerClusterName", EmbeddedCluster.CLUSTER_NAME);
        p.setProperty("brokerName", "broker-config");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("listenPort", Integer.toString(closedPort()));
        p.setProperty("storePathRootDir", dir.resolve("store").toString());
        return p;
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
