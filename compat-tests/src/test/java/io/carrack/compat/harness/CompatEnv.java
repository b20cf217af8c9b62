package io.carrack.compat.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one compat test invocation gets: the servers' addresses, unique names for topics, groups and
 * client instances, and factories for official-client objects configured for fast tests. Every
 * client made here is shut down (in reverse order) when the test ends, whatever its outcome; tests
 * may shut one down earlier themselves (shutting down twice is harmless).
 */
public final class CompatEnv implements AutoCloseable {

    /** Route polling interval of test clients (the client default is 30 s). */
    public static final int POLL_NAME_SERVER_INTERVAL_MS = 500;
    /** Heartbeat interval of test clients (the client default is 30 s). */
    public static final int HEARTBEAT_INTERVAL_MS = 1000;
    /** Consumer offset persist interval of test clients (the client default is 5 s). */
    public static final int PERSIST_OFFSET_INTERVAL_MS = 1000;

    /** Delay before a consumer pulls again after a failed pull (the client default is 3 s). */
    public static final long PULL_RETRY_DELAY_MS = 500;

    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(CompatEnv.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /**
     * Distinguishes this JVM's names from earlier runs': the client keeps broadcasting offsets in
     * files named after its instance name, which must not be found again by a later run.
     */
    private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    private final EmbeddedCluster cluster;
    private final String testName;
    private final Deque<Runnable> shutdowns = new ArrayDeque<>();

    CompatEnv(EmbeddedCluster cluster, String testName) {
        this.cluster = cluster;
        this.testName = testName;
    }

    /** The store of the broker under test. */
    public Stores.Store store() {
        return cluster.store();
    }

    /** The {@code storeType} of the broker under test. */
    public String storeType() {
        return cluster.store().storeType();
    }

    /** {@code 127.0.0.1:port} of the name server. */
    public String namesrvAddr() {
        return cluster.namesrvAddr();
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String brokerAddr() {
        return cluster.brokerAddr();
    }

    /** The broker's name. */
    public String brokerName() {
        return EmbeddedCluster.BROKER_NAME;
    }

    /** The cluster name. */
    public String clusterName() {
        return EmbeddedCluster.CLUSTER_NAME;
    }

    /**
     * A new directory under the compat work directory ({@code target/compat-work}) whose name starts with
     * {@code <prefix>-<store id>}; it is kept after the test (child broker logs are written there).
     */
    public Path newWorkDir(String prefix) throws IOException {
        return EmbeddedCluster.newWorkDir(prefix + "-" + store().id());
    }

    /**
     * broker.conf settings for another broker of this test's store, {@code brokerName} in this test's cluster,
     * registering with this test's name server, serving on 127.0.0.1 (port left to the caller,
     * {@code listenPort}), with its store under {@code storeRoot}. For {@code jdbc-pg} it gets a schema of its
     * own, so it never meets the tables of the shared broker.
     */
    public Properties brokerConf(String brokerName, Path storeRoot) {
        Properties p = EmbeddedCluster.brokerProperties(store(), storeRoot);
        p.setProperty("brokerName", brokerName);
        p.setProperty("namesrvAddr", namesrvAddr());
        p.setProperty("bindAddress", "127.0.0.1");
        return p;
    }

    /**
     * A name unique in this JVM, valid as a RocketMQ topic or group name, that tells which test made
     * it: {@code <kind>_<test method>_<store>_<n>_<run>}.
     */
    public String uniqueName(String kind) {
        String name = kind + "_" + testName + "_" + store().id() + "_" + SEQUENCE.incrementAndGet() + "_" + RUN_ID;
        name = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() <= 120 ? name : name.substring(name.length() - 120);
    }

    /**
     * A started-later producer (call {@code start()}) with sends that fail fast: no automatic retry,
     * so a broker error surfaces instead of being hidden by a resend.
     */
    public DefaultMQProducer producer() {
        DefaultMQProducer producer = new DefaultMQProducer(uniqueName("PG"));
        configure(producer);
        producer.setRetryTimesWhenSendFailed(0);
        producer.setRetryTimesWhenSendAsyncFailed(0);
        producer.setSendMsgTimeout(5000);
        register(producer::shutdown);
        return producer;
    }

    /** A started producer, see {@link #producer()}. */
    public DefaultMQProducer startedProducer() throws Exception {
        DefaultMQProducer producer = producer();
        producer.start();
        return producer;
    }

    /**
     * A push consumer of {@code group} (not started), reading new groups from the first offset, with
     * few consume threads.
     */
    public DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        configure(consumer);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMax(4);
        consumer.setConsumeThreadMin(2);
        consumer.setAwaitTerminationMillisWhenShutdown(3000);
        register(consumer::shutdown);
        return consumer;
    }

    /** A lite pull consumer of {@code group} (not started). */
    public DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        configure(consumer);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollTimeoutMillis(500);
        register(consumer::shutdown);
        return consumer;
    }

    /** A started admin client ({@code mqadmin}'s API). */
    public DefaultMQAdminExt startedAdmin() throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(5000);
        admin.setAdminExtGroup(uniqueName("AG"));
        configure(admin);
        admin.start();
        register(admin::shutdown);
        return admin;
    }

    /**
     * The publish queues of {@code topic}, as the name server routes them, waiting until it knows the
     * topic: a broker registers an auto-created topic with the name server asynchronously.
     */
    public List<MessageQueue> publishQueues(DefaultMQProducer producer, String topic) {
        return Await.awaitValue("name server route of " + topic, ROUTE_TIMEOUT, () -> {
            List<MessageQueue> queues = producer.fetchPublishMessageQueues(topic);
            return queues.isEmpty() ? null : queues;
        });
    }

    private void configure(ClientConfig client) {
        client.setNamesrvAddr(namesrvAddr());
        client.setInstanceName(uniqueName("I"));
        client.setPollNameServerInterval(POLL_NAME_SERVER_INTERVAL_MS);
        client.setHeartbeatBrokerInterval(HEARTBEAT_INTERVAL_MS);
        client.setPersistConsumerOffsetInterval(PERSIST_OFFSET_INTERVAL_MS);
        client.setVipChannelEnabled(false);
        client.setPullTimeDelayMillsWhenException(PULL_RETRY_DELAY_MS);
    }

    private synchronized void register(Runnable shutdown) {
        shutdowns.push(shutdown);
    }

    /** Shuts down every client made here, newest first, logging (not throwing) failures. */
    @Override
    public void close() {
        while (true) {
            Runnable shutdown;
            synchronized (this) {
                shutdown = shutdowns.poll();
            }
            if (shutdown == null) {
                return;
            }
            try {
                shutdown.run();
            } catch (RuntimeException e) {
                LOG.warn("client shutdown failed in {}", testName, e);
            }
        }
    }
}
