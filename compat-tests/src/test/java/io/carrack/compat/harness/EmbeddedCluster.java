package io.carrack.compat.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Properties;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A name server and one master broker in this JVM, on free loopback ports, with the broker's store
 * in a fresh temporary directory that is deleted on close.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** Cluster name the broker registers under. */
    public static final String CLUSTER_NAME = "DefaultCluster";
    /** The broker's name. */
    public static final String BROKER_NAME = "broker-a";
    /** Commit-log file size: small, so tests create and roll files quickly. */
    static final int COMMIT_LOG_FILE_SIZE = 4 * 1024 * 1024;
    /** Consume-queue file size: 30 000 entries of 20 bytes. */
    static final int CONSUME_QUEUE_FILE_SIZE = 30_000 * 20;

    private static final String AUTO_CREATE_TOPIC = "TBW102";
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    private static final String WORK_DIR_PROPERTY = "carrack.compat.workDir";

    private final Stores.Store store;
    private final Path storeRoot;
    private final RunningServers servers;

    private EmbeddedCluster(Stores.Store store, Path storeRoot, RunningServers servers) {
        this.store = store;
        this.storeRoot = storeRoot;
        this.servers = servers;
    }

    /** Starts a name server and a broker using {@code store}; {@code owner} names the temp dir. */
    static EmbeddedCluster start(Stores.Store store, String owner) throws Exception {
        Path root = newWorkDir(owner + "-" + store.id());
        Properties broker = brokerProperties(store, root);
        try {
            RunningServers servers = EmbeddedServers.start(broker);
            try {
                awaitRegistered(servers);
            } catch (RuntimeException | Error e) {
                servers.close();
                throw e;
            }
            LOG.info("started name server {} and broker {} (store {}, storeType={}, directory {})",
                    servers.namesrvAddr(), servers.brokerAddr(), store.id(), store.storeType(), root);
            return new EmbeddedCluster(store, root, servers);
        } catch (Exception | Error e) {
            deleteQuietly(root);
            throw e;
        }
    }

    /**
     * Waits until the name server routes the auto-create topic {@code TBW102} to the broker, asking
     * with the official admin client: before that, producers cannot send to new topics.
     */
    private static void awaitRegistered(RunningServers servers) {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(3000);
        admin.setNamesrvAddr(servers.namesrvAddr());
        admin.setInstanceName("compat-readiness-" + System.nanoTime());
        admin.setAdminExtGroup("compat_readiness_" + System.nanoTime());
        try {
            admin.start();
            Await.awaitValue("name server " + servers.namesrvAddr() + " to route " + AUTO_CREATE_TOPIC + " to "
                    + BROKER_NAME + " at " + servers.brokerAddr(), REGISTRATION_TIMEOUT, () -> {
                        TopicRouteData route = admin.examineTopicRouteInfo(AUTO_CREATE_TOPIC);
                        return route.getBrokerDatas().stream()
                                .filter(b -> BROKER_NAME.equals(b.getBrokerName()))
                                .anyMatch(b -> servers.brokerAddr().equals(b.getBrokerAddrs().get(0L))) ? route : null;
                    });
        } catch (MQClientException e) {
            throw new IllegalStateException("readiness check client did not start", e);
        } finally {
            admin.shutdown();
        }
    }

    /**
     * A new directory under the compat work directory ({@code target/compat-work}), named after
     * {@code prefix}.
     */
    public static Path newWorkDir(String prefix) throws IOException {
        Path base = Path.of(System.getProperty(WORK_DIR_PROPERTY, "target/compat-work")).toAbsolutePath();
        Files.createDirectories(base);
        return Files.createTempDirectory(base, prefix + "-");
    }

    /**
     * The broker configuration, with Apache RocketMQ's key names: the store's keys
     * ({@link Stores.Store#brokerProperties()}) and the test settings; {@link EmbeddedServers} adds
     * {@code namesrvAddr} and {@code listenPort}.
     */
    static Properties brokerProperties(Stores.Store store, Path root) {
        Properties p = new Properties();
        p.setProperty("brokerClusterName", CLUSTER_NAME);
        p.setProperty("brokerName", BROKER_NAME);
        p.setProperty("brokerId", "0");
        p.setProperty("brokerIP1", "127.0.0.1");
        p.putAll(store.brokerProperties());
        p.setProperty("storePathRootDir", root.toString());
        p.setProperty("storePathCommitLog", root.resolve("commitlog").toString());
        p.setProperty("mapedFileSizeCommitLog", Integer.toString(COMMIT_LOG_FILE_SIZE));
        p.setProperty("mapedFileSizeConsumeQueue", Integer.toString(CONSUME_QUEUE_FILE_SIZE));
        p.setProperty("flushDiskType", "ASYNC_FLUSH");
        p.setProperty("autoCreateTopicEnable", "true");
        p.setProperty("autoCreateSubscriptionGroup", "true");
        p.setProperty("enablePropertyFilter", "true");
        return p;
    }

    /** The store the broker runs with. */
    public Stores.Store store() {
        return store;
    }

    /** {@code 127.0.0.1:port} of the name server. */
    public String namesrvAddr() {
        return servers.namesrvAddr();
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String brokerAddr() {
        return servers.brokerAddr();
    }

    /** The broker's store root directory. */
    public Path storeRoot() {
        return storeRoot;
    }

    @Override
    public void close() {
        try {
            servers.close();
        } finally {
            deleteQuietly(storeRoot);
        }
    }

    /** Deletes a directory tree, logging (not throwing) failures. */
    public static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}", root, e);
        }
    }
}
