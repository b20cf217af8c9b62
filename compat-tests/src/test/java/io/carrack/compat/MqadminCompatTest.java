package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatStores;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Offsets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.apache.rocketmq.tools.command.MQAdminStartup;
import org.slf4j.LoggerFactory;

/**
 * The official {@code mqadmin} of Apache RocketMQ 4.9.7 ({@link MQAdminStartup}) against Carrack's name
 * server and broker: each command runs in this JVM exactly as the {@code mqadmin} script runs it (same entry
 * point, {@code -n} naming the name server), its standard output is captured, and the assertions read what it
 * printed, as a user would. The commands do not depend on the store, so the class runs against mmap only.
 */
@CompatStores("mmap")
class MqadminCompatTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern TABLE_NUMBERS = Pattern.compile("-?\\d+");
    /** mqadmin's {@code rocketmq.home.dir}, set before {@link MQAdminStartup} is initialized. */
    private static final Path MQADMIN_HOME = prepareMqadminHome();

    // mqadmin -----------------------------------------------------------------------------------------------

    /** What one mqadmin command printed. */
    record Output(String command, String out, String err) {

        /** The printed lines, trailing blanks removed, empty lines dropped. */
        List<String> lines() {
            return out.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        }

        /** The lines whose whitespace-separated first field is {@code first}, split into fields. */
        List<String[]> rows(String first) {
            return lines().stream().map(l -> l.trim().split("\\s+")).filter(f -> f[0].equals(first)).toList();
        }

        /** {@code key=value} (or {@code key: value}) lines as a map, keys and values trimmed. */
        Map<String, String> keyValues(String separator) {
            Map<String, String> m = new TreeMap<>();
            for (String l : lines()) {
                int i = l.indexOf(separator);
                if (i > 0) {
                    m.put(l.substring(0, i).trim(), l.substring(i + separator.length()).trim());
                }
            }
            return m;
        }

        /** Fails (showing both streams) unless the command printed no error. */
        Output assertOk() {
            assertTrue(err.isBlank(), () -> "mqadmin " + command + " printed an error:\n" + err + "\nstdout:\n" + out);
            return this;
        }

        @Override
        public String toString() {
            return "mqadmin " + command + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err + "\n--- (mqadmin's log: "
                    + MQADMIN_HOME.resolve("logs").resolve("mqadmin.log") + ")";
        }
    }

    /** Runs {@link MQAdminStartup} in this JVM with {@code -n <name server>} added, capturing its output. */
    private static Output mqadmin(CompatEnv env, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "-n";
        all[args.length + 1] = env.namesrvAddr();
        return MqadminRunner.run(all);
    }

    /**
     * Calls {@code MQAdminStartup.main0} the way the {@code mqadmin} script does, with {@code rocketmq.home.dir}
     * pointing at a home whose {@code conf/logback_tools.xml} logs to a file (mqadmin re-configures logback
     * from there on every call; the test configuration is restored afterwards).
     */
    static final class MqadminRunner extends MQAdminStartup {
        private MqadminRunner() {
        }

        static synchronized Output run(String... args) {
            // MQAdminStartup registers fresh command objects on every call and uses the first ones found; one
            // of them (queryMsgByUniqueKey) keeps its admin client, shut down, in a field: start from fresh ones
            // as the mqadmin script (one JVM per command) does.
            subCommandList.clear();
            String namesrvBefore = System.getProperty(MixAll.NAMESRV_ADDR_PROPERTY);
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            try (PrintStream capturedOut = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                 PrintStream capturedErr = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                System.setOut(capturedOut);
                System.setErr(capturedErr);
                try {
                    MQAdminStartup.main0(args, null);
                } finally {
                    System.setOut(out);
                    System.setErr(err);
                    restoreProperty(MixAll.NAMESRV_ADDR_PROPERTY, namesrvBefore);
                    restoreTestLogging();
                }
            }
            Output o = new Output(String.join(" ", args), outBytes.toString(StandardCharsets.UTF_8),
                    errBytes.toString(StandardCharsets.UTF_8));
            LoggerFactory.getLogger(MqadminCompatTest.class).info("{}", o);
            return o;
        }

        private static void restoreProperty(String key, String value) {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        }

        private static void restoreTestLogging() {
            URL config = MqadminCompatTest.class.getResource("/logback-test.xml");
            if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
                return;
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            context.reset();
            try {
                configurator.doConfigure(config);
            } catch (Exception e) {
                throw new IllegalStateException("cannot restore the test logging configuration", e);
            }
        }
    }

    /**
     * Writes the mqadmin home and sets {@code rocketmq.home.dir}; must run before {@link MQAdminStartup} is
     * initialized (it reads the property into a static field), so not from {@link MqadminRunner}, a subclass.
     */
    private static Path prepareMqadminHome() {
        try {
            Path base = Path.of(System.getProperty("carrack.compat.workDir", "target/compat-work")).toAbsolutePath();
            Path home = base.resolve("mqadmin-home");
            Files.createDirectories(home.resolve("conf"));
            String log = home.resolve("logs").resolve("mqadmin.log").toString();
            Files.writeString(home.resolve("conf").resolve("logback_tools.xml"), """
                    <configuration>
                      <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{36} - %%msg%%n</pattern></encoder>
                      </appender>
                      <logger name="io.carrack" level="INFO"/>
                      <root level="WARN"><appender-ref ref="FILE"/></root>
                    </configuration>
                    """.formatted(log));
            String before = System.getProperty(MixAll.ROCKETMQ_HOME_PROPERTY);
            if (before != null && !Path.of(before).toAbsolutePath().equals(home)) {
                throw new IllegalStateException(MixAll.ROCKETMQ_HOME_PROPERTY + " is already " + before);
            }
            System.setProperty(MixAll.ROCKETMQ_HOME_PROPERTY, home.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    // topics -----------------------------------------------------------------------------------------------

    /**
     * updateTopic -c, topicList (plain and -c), topicRoute (JSON and -l), topicClusterList, topicStatus after
     * sends, deleteTopic -c: the topic, its queue counts and offsets as the broker and name server hold them.
     */
    @CompatTest
    void topicCommands(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        Output created = mqadmin(env, "updateTopic", "-c", env.clusterName(), "-t", topic, "-r", "3", "-w", "2")
                .assertOk();
        assertTrue(created.lines().contains("create topic to " + env.brokerAddr() + " success."), created::toString);
        assertTrue(created.out().contains("topicName=" + topic), created::toString);

        Output list = mqadmin(env, "topicList").assertOk();
        assertTrue(list.lines().contains(topic), list::toString);
        Output clusterList = mqadmin(env, "topicList", "-c").assertOk();
        assertTrue(clusterList.rows(env.clusterName()).stream().anyMatch(f -> f.length == 2 && f[1].equals(topic)),
                clusterList::toString);

        Output route = mqadmin(env, "topicRoute", "-t", topic).assertOk();
        TopicRouteData data = RemotingSerializable.fromJson(json(route), TopicRouteData.class);
        assertEquals(1, data.getQueueDatas().size(), route::toString);
        QueueData queues = data.getQueueDatas().get(0);
        assertEquals(env.brokerName(), queues.getBrokerName());
        assertEquals(3, queues.getReadQueueNums(), route::toString);
        assertEquals(2, queues.getWriteQueueNums(), route::toString);
        assertEquals(6, queues.getPerm(), route::toString);
        assertEquals(env.brokerAddr(), data.getBrokerDatas().get(0).getBrokerAddrs().get(MixAll.MASTER_ID));

        Output routeList = mqadmin(env, "topicRoute", "-t", topic, "-l").assertOk();
        assertTrue(routeList.rows(env.clusterName()).stream().anyMatch(f -> Arrays.asList(f).containsAll(
                List.of(env.brokerName(), "3", "2", "6"))), routeList::toString);

        Output clusters = mqadmin(env, "topicClusterList", "-t", topic).assertOk();
        assertEquals(List.of(env.clusterName()), clusters.lines(), clusters::toString);

        DefaultMQProducer producer = env.startedProducer();
        Map<Integer, Long> sent = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            SendResult r = producer.send(message(topic, "TagA", "K" + i, "body-" + i));
            assertSendOk(env, topic, r);
            sent.merge(r.getMessageQueue().getQueueId(), 1L, Long::sum);
        }
        Output status = mqadmin(env, "topicStatus", "-t", topic).assertOk();
        Map<Integer, Long> maxOffsets = new TreeMap<>();
        for (String[] row : status.rows(env.brokerName())) {
            assertEquals("0", row[2], () -> "min offset of queue " + row[1] + "\n" + status);
            long max = Long.parseLong(row[3]);
            if (max > 0) {
                maxOffsets.put(Integer.parseInt(row[1]), max);
                assertTrue(row.length >= 5, () -> "a last-updated time for queue " + row[1] + "\n" + status);
            }
        }
        assertEquals(2, status.rows(env.brokerName()).size(), status::toString);
        assertEquals(sent, maxOffsets, status::toString);

        Output deleted = mqadmin(env, "deleteTopic", "-c", env.clusterName(), "-t", topic).assertOk();
        assertTrue(deleted.lines().contains("delete topic [" + topic + "] from cluster [" + env.clusterName()
                + "] success."), deleted::toString);
        assertTrue(deleted.lines().contains("delete topic [" + topic + "] from NameServer success."),
                deleted::toString);
        Output after = mqadmin(env, "topicList").assertOk();
        assertFalse(after.lines().contains(topic), after::toString);
        Output gone = mqadmin(env, "topicRoute", "-t", topic);
        assertTrue(gone.err().contains("No topic route info in name server for the topic: " + topic), gone::toString);
    }

    // subscription groups -------------------------------------------------------------------------------------

    /** updateSubGroup -c and -b, deleteSubGroup -c: the broker's group config follows. */
    @CompatTest
    void subGroupCommands(CompatEnv env) throws Exception {
        String group = env.uniqueName("CG");
        Output created = mqadmin(env, "updateSubGroup", "-c", env.clusterName(), "-g", group, "-r", "5", "-q", "2")
                .assertOk();
        assertTrue(created.lines().contains("create subscription group to " + env.brokerAddr() + " success."),
                created::toString);
        DefaultMQAdminExt admin = env.startedAdmin();
        SubscriptionGroupConfig config = admin.examineSubscriptionGroupConfig(env.brokerAddr(), group);
        assertNotNull(config, "group config after updateSubGroup");
        assertEquals(5, config.getRetryMaxTimes());
        assertEquals(2, config.getRetryQueueNums());
        assertFalse(config.isConsumeBroadcastEnable(), "mqadmin sets consumeBroadcastEnable=false");

        Output byBroker = mqadmin(env, "updateSubGroup", "-b", env.brokerAddr(), "-g", group, "-r", "7").assertOk();
        assertTrue(byBroker.lines().contains("create subscription group to " + env.brokerAddr() + " success."),
                byBroker::toString);
        assertEquals(7, admin.examineSubscriptionGroupConfig(env.brokerAddr(), group).getRetryMaxTimes());

        Output deleted = mqadmin(env, "deleteSubGroup", "-c", env.clusterName(), "-g", group).assertOk();
        assertTrue(deleted.lines().contains("delete subscription group [" + group + "] from broker ["
                + env.brokerAddr() + "] in cluster [" + env.clusterName() + "] success."), deleted::toString);
        assertNull(admin.examineSubscriptionGroupConfig(env.brokerAddr(), group), "group config after deleteSubGroup");
    }

    // cluster, broker and name server ------------------------------------------------------------------------

    /** clusterList (plain and -m), brokerStatus -b and -c, deleteExpiredCommitLog, cleanExpiredCQ. */
    @CompatTest
    void clusterAndBrokerStatus(CompatEnv env) {
        Output cluster = mqadmin(env, "clusterList").assertOk();
        List<String[]> rows = cluster.rows(env.clusterName());
        assertEquals(1, rows.size(), cluster::toString);
        String[] row = rows.get(0);
        assertEquals(List.of(env.brokerName(), "0", env.brokerAddr(), "V4_9_7"), List.of(row).subList(1, 5),
                cluster::toString);

        Output more = mqadmin(env, "clusterList", "-m").assertOk();
        List<String[]> moreRows = more.rows(env.clusterName());
        assertEquals(1, moreRows.size(), more::toString);
        assertEquals(env.brokerName(), moreRows.get(0)[1], more::toString);
        assertEquals(6, moreRows.get(0).length, more::toString);

        Output status = mqadmin(env, "brokerStatus", "-b", env.brokerAddr()).assertOk();
        Map<String, String> kv = status.keyValues(":");
        assertEquals("V4_9_7", kv.get("brokerVersionDesc"), status::toString);
        for (String key : List.of("putTps", "getTransferedTps", "commitLogMaxOffset", "bootTimestamp", "runtime",
                "earliestMessageTimeStamp", "msgPutTotalTodayNow")) {
            assertTrue(kv.containsKey(key), () -> key + " in\n" + status);
        }
        long boot = Long.parseLong(kv.get("bootTimestamp"));
        assertTrue(boot > 0 && boot <= System.currentTimeMillis(), status::toString);

        Output byCluster = mqadmin(env, "brokerStatus", "-c", env.clusterName()).assertOk();
        assertTrue(byCluster.lines().stream().anyMatch(l -> l.startsWith(env.brokerAddr()) && l.contains("brokerVersionDesc")
                && l.endsWith("V4_9_7")), byCluster::toString);

        // store housekeeping on request: the broker accepts it (nothing has expired yet)
        for (String command : List.of("deleteExpiredCommitLog", "cleanExpiredCQ")) {
            Output done = mqadmin(env, command, "-b", env.brokerAddr()).assertOk();
            assertEquals(List.of("success"), done.lines(), done::toString);
        }
    }

    /** getBrokerConfig -b and -c, updateBrokerConfig -b and -c of a live key, read back. */
    @CompatTest
    void brokerConfigCommands(CompatEnv env) {
        Output config = mqadmin(env, "getBrokerConfig", "-b", env.brokerAddr()).assertOk();
        assertTrue(config.lines().contains("============" + env.brokerAddr() + "============"), config::toString);
        Map<String, String> kv = config.keyValues("=  ");
        assertEquals(env.brokerName(), kv.get("brokerName"), config::toString);
        assertEquals(env.clusterName(), kv.get("brokerClusterName"), config::toString);
        assertEquals(env.storeType(), kv.get("storeType"), config::toString);
        String before = kv.get("transactionCheckMax");
        assertNotNull(before, config::toString);
        String changed = Integer.toString(Integer.parseInt(before) + 2);

        try {
            Output updated = mqadmin(env, "updateBrokerConfig", "-b", env.brokerAddr(), "-k", "transactionCheckMax",
                    "-v", changed).assertOk();
            assertTrue(updated.lines().contains("update broker config success, " + env.brokerAddr()), updated::toString);
            Output after = mqadmin(env, "getBrokerConfig", "-c", env.clusterName()).assertOk();
            assertTrue(after.lines().contains("============Master: " + env.brokerAddr() + "============"),
                    after::toString);
            assertEquals(changed, after.keyValues("=  ").get("transactionCheckMax"), after::toString);
        } finally {
            mqadmin(env, "updateBrokerConfig", "-c", env.clusterName(), "-k", "transactionCheckMax", "-v", before)
                    .assertOk();
        }
        assertEquals(before, mqadmin(env, "getBrokerConfig", "-b", env.brokerAddr()).keyValues("=  ")
                .get("transactionCheckMax"));
    }

    /** updateKvConfig, getNamesrvConfig, wipeWritePerm and addWritePerm seen in the topic route. */
    @CompatTest
    void namesrvCommands(CompatEnv env) throws Exception {
        String namespace = env.uniqueName("NS");
        Output kv = mqadmin(env, "updateKvConfig", "-s", namespace, "-k", "color", "-v", "blue").assertOk();
        assertTrue(kv.lines().contains("create or update kv config to namespace success."), kv::toString);
        DefaultMQAdminExt admin = env.startedAdmin();
        assertEquals("blue", admin.getKVConfig(namespace, "color"));

        Output config = mqadmin(env, "getNamesrvConfig").assertOk();
        assertTrue(config.lines().contains("============" + env.namesrvAddr() + "============"), config::toString);
        Map<String, String> props = config.keyValues("=  ");
        assertTrue(props.containsKey("kvConfigPath"), config::toString);
        assertTrue(props.get("kvConfigPath").endsWith("kvConfig.json"), config::toString);

        String topic = env.uniqueName("T");
        mqadmin(env, "updateTopic", "-b", env.brokerAddr(), "-t", topic, "-r", "2", "-w", "2").assertOk();
        try {
            Output wiped = mqadmin(env, "wipeWritePerm", "-b", env.brokerName()).assertOk();
            Matcher m = Pattern.compile("wipe write perm of broker\\[" + Pattern.quote(env.brokerName())
                    + "] in name server\\[" + Pattern.quote(env.namesrvAddr()) + "] OK, (\\d+)").matcher(wiped.out());
            assertTrue(m.find(), wiped::toString);
            assertTrue(Integer.parseInt(m.group(1)) > 0, wiped::toString);
            assertEquals(4, routePerm(env, topic), "perm of " + topic + " after wipeWritePerm (read only)");
        } finally {
            Output added = mqadmin(env, "addWritePerm", "-b", env.brokerName()).assertOk();
            assertTrue(added.out().contains("add write perm of broker[" + env.brokerName() + "] in name server["
                    + env.namesrvAddr() + "] OK"), added::toString);
        }
        assertEquals(6, routePerm(env, topic), "perm of " + topic + " after addWritePerm");
    }

    /**
     * updateTopic -o true and updateNamesrvConfig (the order conf in the route), sendMessage to a chosen queue,
     * updateTopicPerm,
     * getConsumerConfig, deleteKvConfig, cleanUnusedTopic.
     */
    @CompatTest
    void moreCommands(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        Output ordered = mqadmin(env, "updateTopic", "-b", env.brokerAddr(), "-t", topic, "-r", "2", "-w", "2", "-o",
                "true");
        // mqadmin first reads the topic's old order conf and prints the name server's "not found" as a stack trace
        // (Apache RocketMQ's name server answers the same QUERY_NOT_FOUND for a new topic)
        assertTrue(ordered.err().isBlank() || ordered.err().contains("CODE: 22  DESC: No config item, Namespace: "
                + "ORDER_TOPIC_CONFIG Key: " + topic), ordered::toString);
        assertTrue(ordered.out().contains("set broker orderConf. isOrder=true, orderConf=[" + env.brokerName() + ":2]"),
                ordered::toString);
        // the name server puts the order conf into routes only with orderMessageEnable (default false, as in RocketMQ)
        Output route = mqadmin(env, "topicRoute", "-t", topic).assertOk();
        assertNull(RemotingSerializable.fromJson(json(route), TopicRouteData.class).getOrderTopicConf(), route::toString);
        try {
            Output enabled = mqadmin(env, "updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "true").assertOk();
            assertTrue(enabled.lines().contains("orderMessageEnable : true"), enabled::toString);
            assertEquals("true", mqadmin(env, "getNamesrvConfig").keyValues("=  ").get("orderMessageEnable"));
            Output orderRoute = mqadmin(env, "topicRoute", "-t", topic).assertOk();
            assertEquals(env.brokerName() + ":2", RemotingSerializable.fromJson(json(orderRoute), TopicRouteData.class)
                    .getOrderTopicConf(), orderRoute::toString);
        } finally {
            mqadmin(env, "updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "false").assertOk();
        }

        Output sent = mqadmin(env, "sendMessage", "-t", topic, "-p", "hello-" + topic, "-k", "k1", "-c", "TagX", "-b",
                env.brokerName(), "-i", "1").assertOk();
        List<String[]> sendRows = sent.rows(env.brokerName());
        assertEquals(1, sendRows.size(), sent::toString);
        assertEquals(List.of("1", "SEND_OK"), List.of(sendRows.get(0)).subList(1, 3), sent::toString);
        Output found = mqadmin(env, "queryMsgByUniqueKey", "-t", topic, "-i", sendRows.get(0)[3]).assertOk();
        Map<String, String> shown = found.keyValues(": ");
        assertEquals("[TagX]", shown.get("Tags"), found::toString);
        assertEquals("1", shown.get("Queue ID"), found::toString);
        assertEquals("hello-" + topic, bodyAt(shown.get("Message Body Path"), found));

        Output perm = mqadmin(env, "updateTopicPerm", "-b", env.brokerAddr(), "-t", topic, "-p", "4").assertOk();
        assertTrue(perm.lines().contains("update topic perm from 6 to 4 in " + env.brokerAddr() + " success."),
                perm::toString);
        assertEquals(4, routePerm(env, topic), "perm of " + topic + " after updateTopicPerm");

        String group = env.uniqueName("CG");
        mqadmin(env, "updateSubGroup", "-b", env.brokerAddr(), "-g", group, "-r", "3").assertOk();
        Output groupConfig = mqadmin(env, "getConsumerConfig", "-g", group).assertOk();
        assertTrue(groupConfig.out().contains("=" + env.clusterName() + ":" + env.brokerName() + "="),
                groupConfig::toString);
        Map<String, String> fields = groupConfig.keyValues("=  ");
        assertEquals(group, fields.get("groupName"), groupConfig::toString);
        assertEquals("3", fields.get("retryMaxTimes"), groupConfig::toString);

        String namespace = env.uniqueName("NS");
        mqadmin(env, "updateKvConfig", "-s", namespace, "-k", "k", "-v", "v").assertOk();
        Output deleted = mqadmin(env, "deleteKvConfig", "-s", namespace, "-k", "k").assertOk();
        assertTrue(deleted.lines().contains("delete kv config from namespace success."), deleted::toString);
        DefaultMQAdminExt admin = env.startedAdmin();
        try {
            String left = admin.getKVConfig(namespace, "k");
            throw new AssertionError("kv config still there after deleteKvConfig: " + left);
        } catch (org.apache.rocketmq.client.exception.MQClientException
                 | org.apache.rocketmq.remoting.exception.RemotingException e) {
            // expected: the name server no longer has it
        }

        Output clean = mqadmin(env, "cleanUnusedTopic", "-b", env.brokerAddr()).assertOk();
        assertEquals(List.of("success"), clean.lines(), clean::toString);
    }

    private static int routePerm(CompatEnv env, String topic) {
        Output route = mqadmin(env, "topicRoute", "-t", topic).assertOk();
        return RemotingSerializable.fromJson(json(route), TopicRouteData.class).getQueueDatas().get(0).getPerm();
    }

    // messages ---------------------------------------------------------------------------------------------

    /**
     * queryMsgById, queryMsgByUniqueKey, queryMsgByKey, queryMsgByOffset, printMsg (all, by tag), queryCq,
     * checkMsgSendRT: the messages sent, found by each way with their bodies and offsets.
     */
    @CompatTest
    void messageCommands(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        mqadmin(env, "updateTopic", "-c", env.clusterName(), "-t", topic, "-r", "2", "-w", "2").assertOk();
        DefaultMQProducer producer = env.startedProducer();
        env.publishQueues(producer, topic);
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SendResult r = producer.send(message(topic, "Tag" + (i % 2), "key-" + i + " shared-" + topic,
                    "body-" + i + "-" + topic));
            assertSendOk(env, topic, r);
            results.add(r);
        }
        SendResult first = results.get(0);

        Output byId = mqadmin(env, "queryMsgById", "-i", first.getOffsetMsgId()).assertOk();
        Map<String, String> shown = byId.keyValues(": ");
        assertEquals(first.getOffsetMsgId(), shown.get("OffsetID"), byId::toString);
        assertEquals(topic, shown.get("Topic"), byId::toString);
        assertEquals("[Tag0]", shown.get("Tags"), byId::toString);
        assertEquals("[key-0 shared-" + topic + "]", shown.get("Keys"), byId::toString);
        assertEquals(Integer.toString(first.getMessageQueue().getQueueId()), shown.get("Queue ID"), byId::toString);
        assertEquals(Long.toString(first.getQueueOffset()), shown.get("Queue Offset"), byId::toString);
        assertEquals(Long.toString(commitLogOffset(first.getOffsetMsgId())),
                shown.get("CommitLog Offset"), byId::toString);
        assertEquals("body-0-" + topic, bodyAt(shown.get("Message Body Path"), byId));
        assertTrue(byId.out().contains("WARN: No Consumer"), byId::toString);

        Output byUniqueKey = mqadmin(env, "queryMsgByUniqueKey", "-t", topic, "-i", first.getMsgId()).assertOk();
        Map<String, String> unique = byUniqueKey.keyValues(": ");
        assertEquals(topic, unique.get("Topic"), byUniqueKey::toString);
        assertEquals(Long.toString(first.getQueueOffset()), unique.get("Queue Offset"), byUniqueKey::toString);
        assertEquals("body-0-" + topic, bodyAt(unique.get("Message Body Path"), byUniqueKey));

        Output byKey = mqadmin(env, "queryMsgByKey", "-t", topic, "-k", "shared-" + topic).assertOk();
        Map<String, String> found = new HashMap<>();
        for (String line : byKey.lines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && !f[0].startsWith("#")) {
                found.put(f[0], f[1] + "/" + f[2]);
            }
        }
        Map<String, String> expected = results.stream().collect(Collectors.toMap(SendResult::getMsgId,
                r -> r.getMessageQueue().getQueueId() + "/" + r.getQueueOffset()));
        assertEquals(expected, found, byKey::toString);
        Output oneKey = mqadmin(env, "queryMsgByKey", "-t", topic, "-k", "key-3").assertOk();
        assertTrue(oneKey.out().contains(results.get(3).getMsgId()), oneKey::toString);
        assertFalse(oneKey.out().contains(results.get(2).getMsgId()), oneKey::toString);

        SendResult last = results.get(5);
        Output byOffset = mqadmin(env, "queryMsgByOffset", "-t", topic, "-b", env.brokerName(), "-i",
                Integer.toString(last.getMessageQueue().getQueueId()), "-o", Long.toString(last.getQueueOffset()))
                .assertOk();
        Map<String, String> atOffset = byOffset.keyValues(": ");
        assertEquals(last.getOffsetMsgId(), atOffset.get("OffsetID"), byOffset::toString);
        assertEquals("body-5-" + topic, bodyAt(atOffset.get("Message Body Path"), byOffset));

        Output printed = mqadmin(env, "printMsg", "-t", topic).assertOk();
        for (int i = 0; i < 6; i++) {
            String body = "body-" + i + "-" + topic;
            assertEquals(1, printed.lines().stream().filter(l -> l.startsWith("MSGID: ") && l.endsWith("BODY: " + body))
                    .count(), () -> body + " printed once\n" + printed);
        }
        Output tagged = mqadmin(env, "printMsg", "-t", topic, "-s", "Tag1", "-d", "true").assertOk();
        assertEquals(3, tagged.lines().stream().filter(l -> l.startsWith("MSGID: ")).count(), tagged::toString);
        assertTrue(tagged.lines().stream().filter(l -> l.startsWith("MSGID: ")).allMatch(l -> l.contains("TAGS=Tag1")),
                tagged::toString);

        int queueId = first.getMessageQueue().getQueueId();
        List<SendResult> inQueue = results.stream().filter(r -> r.getMessageQueue().getQueueId() == queueId).toList();
        Output cq = mqadmin(env, "queryCq", "-t", topic, "-q", Integer.toString(queueId), "-i", "0", "-c", "10",
                "-b", env.brokerAddr()).assertOk();
        assertTrue(cq.lines().contains("max: " + inQueue.size() + ", min: 0"), cq::toString);
        List<Long> physicOffsets = new ArrayList<>();
        Matcher entry = Pattern.compile("ConsumeQueueData\\{physicOffset=(\\d+), physicSize=(\\d+), tagsCode=(-?\\d+)")
                .matcher(cq.out());
        while (entry.find()) {
            physicOffsets.add(Long.parseLong(entry.group(1)));
            assertTrue(Integer.parseInt(entry.group(2)) > 0, cq::toString);
            long tagsCode = Long.parseLong(entry.group(3));
            assertTrue(tagsCode == "Tag0".hashCode() || tagsCode == "Tag1".hashCode(), cq::toString);
        }
        assertEquals(inQueue.stream().map(r -> commitLogOffset(r.getOffsetMsgId())).toList(),
                physicOffsets, cq::toString);

        Output rt = mqadmin(env, "checkMsgSendRT", "-t", topic, "-a", "4", "-s", "16").assertOk();
        List<String[]> sends = rt.rows(env.brokerName());
        assertEquals(4, sends.size(), rt::toString);
        assertTrue(sends.stream().allMatch(f -> f[2].equals("true")), rt::toString);
        assertTrue(rt.lines().stream().anyMatch(l -> l.startsWith("Avg RT: ")), rt::toString);
        Output status = mqadmin(env, "topicStatus", "-t", topic).assertOk();
        long total = status.rows(env.brokerName()).stream().mapToLong(f -> Long.parseLong(f[3])).sum();
        assertEquals(10, total, status::toString);
    }

    private static long commitLogOffset(String offsetMsgId) {
        try {
            return MessageDecoder.decodeMessageId(offsetMsgId).getOffset();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("bad offset message id " + offsetMsgId, e);
        }
    }

    private static String bodyAt(String path, Output output) throws IOException {
        assertNotNull(path, output::toString);
        Path file = Path.of(path);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // consumers ---------------------------------------------------------------------------------------------

    /**
     * With a push consumer online: consumerProgress (-g and all groups), consumerConnection, producerConnection,
     * consumerStatus, queryMsgById's message track, statsAll, resetOffsetByTime through the broker; offline:
     * the backlog in consumerProgress and brokerConsumeStats, cloneGroupOffset, resetOffsetByTime the old way.
     */
    @CompatTest
    void consumerCommands(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        String group = env.uniqueName("CG");
        mqadmin(env, "updateTopic", "-c", env.clusterName(), "-t", topic, "-r", "2", "-w", "2").assertOk();
        DefaultMQProducer producer = env.startedProducer();
        env.publishQueues(producer, topic);
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SendResult r = producer.send(message(topic, "TagA", "key-" + i, "body-" + i));
            assertSendOk(env, topic, r);
            results.add(r);
        }
        Map<MessageQueue, Long> next = Offsets.nextOffsets(results);

        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = env.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox.recordingListener());
        consumer.start();
        inbox.awaitSize(6, TIMEOUT);
        Offsets.awaitConsumedUpTo(consumer, next, TIMEOUT);
        String clientId = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getClientId();
        // the client first persists its offsets 10 s after start; do now what that timer would do
        consumer.getDefaultMQPushConsumerImpl().persistConsumerOffset();

        // consumerProgress: the broker offsets, the stored consumer offsets (persisted every second) and the diff
        Output progress = awaitOutput("consumerProgress with no diff", () -> mqadmin(env, "consumerProgress", "-g",
                group), o -> o.lines().contains("Diff Total: 0") && !progressRows(o, topic).isEmpty());
        Map<Integer, long[]> rows = progressRows(progress, topic);
        for (Map.Entry<MessageQueue, Long> e : next.entrySet()) {
            long[] row = rows.get(e.getKey().getQueueId());
            assertNotNull(row, progress::toString);
            assertEquals(e.getValue(), row[0], progress::toString);
            assertEquals(e.getValue(), row[1], progress::toString);
        }

        Output connections = mqadmin(env, "consumerConnection", "-g", group).assertOk();
        assertEquals(1, connections.rows(clientId).size(), connections::toString);
        assertEquals("JAVA", connections.rows(clientId).get(0)[2], connections::toString);
        assertEquals("V4_9_7", connections.rows(clientId).get(0)[3], connections::toString);
        assertTrue(connections.rows(topic).stream().anyMatch(f -> f.length == 2 && f[1].equals("*")),
                connections::toString);
        assertTrue(connections.lines().contains("ConsumeType: CONSUME_PASSIVELY"), connections::toString);
        assertTrue(connections.lines().contains("MessageModel: CLUSTERING"), connections::toString);
        assertTrue(connections.lines().contains("ConsumeFromWhere: CONSUME_FROM_FIRST_OFFSET"), connections::toString);

        String producerClientId = producer.getDefaultMQProducerImpl().getMqClientFactory().getClientId();
        // The producer registers with the broker on its next heartbeat, which may not have happened yet.
        Output[] last = new Output[1];
        Await.await("producer connection listed", WAIT, () -> {
            last[0] = mqadmin(env, "producerConnection", "-g", producer.getProducerGroup(), "-t", topic);
            return last[0].err().isBlank();
        }, () -> String.valueOf(last[0]));
        Output producers = last[0].assertOk();
        assertTrue(producers.lines().stream().anyMatch(l -> l.matches("0001\\s+" + Pattern.quote(producerClientId)
                + "\\s+\\S+\\s+JAVA\\s+V4_9_7")), producers::toString);

        Output status = mqadmin(env, "consumerStatus", "-g", group, "-i", clientId).assertOk();
        assertTrue(status.out().contains("#Consumer Subscription#"), status::toString);
        assertTrue(status.out().contains("#Consumer Offset#"), status::toString);
        assertTrue(status.lines().stream().anyMatch(l -> l.startsWith(topic) && l.contains(env.brokerName())),
                status::toString);

        Output all = mqadmin(env, "consumerProgress").assertOk();
        assertTrue(all.rows(group).stream().anyMatch(f -> f[1].equals("1") && f[2].equals("V4_9_7")
                && f[3].equals("PUSH") && f[4].equals("CLUSTERING") && f[f.length - 1].equals("0")), all::toString);

        // queryMsgById's message track sees the online group that consumed the message
        Output track = mqadmin(env, "queryMsgById", "-i", results.get(0).getOffsetMsgId()).assertOk();
        assertTrue(track.out().contains("consumerGroup=" + group + ", trackType=CONSUMED"), track::toString);
        Files.deleteIfExists(Path.of(track.keyValues(": ").get("Message Body Path")));

        Output stats = mqadmin(env, "statsAll", "-t", topic).assertOk();
        List<String[]> statRows = stats.rows(topic);
        String[] groupRow = statRows.stream().filter(f -> f.length == 7 && f[1].equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no statsAll row for " + group + "\n" + stats));
        assertEquals("0", groupRow[2], () -> "accumulation\n" + stats);
        assertEquals("6", groupRow[5], () -> "messages put in 24 h\n" + stats);
        assertTrue(Long.parseLong(groupRow[6]) >= 6, () -> "messages got in 24 h\n" + stats);

        // resetOffsetByTime with the consumer online: the broker tells the consumer, which consumes again
        List<MessageExt> received = inbox.snapshot();
        List<Long> storeTimes = received.stream().map(MessageExt::getStoreTimestamp).sorted().toList();
        long resetTo = storeTimes.get(storeTimes.size() / 2);
        Map<Integer, Long> expectedReset = new TreeMap<>();
        Set<String> expectedAgain = new java.util.HashSet<>();
        for (MessageQueue q : next.keySet()) {
            expectedReset.put(q.getQueueId(), next.get(q));
        }
        for (MessageExt m : received) {
            if (m.getStoreTimestamp() >= resetTo) {
                expectedReset.merge(m.getQueueId(), m.getQueueOffset(), Math::min);
                expectedAgain.add(m.getMsgId());
            }
        }
        Output reset = mqadmin(env, "resetOffsetByTime", "-g", group, "-t", topic, "-s", Long.toString(resetTo))
                .assertOk();
        assertTrue(reset.out().contains("rollback consumer offset by specified group[" + group + "], topic[" + topic
                + "], force[true], timestamp(string)[" + resetTo + "]"), reset::toString);
        Map<Integer, Long> resetRows = new TreeMap<>();
        for (String[] f : reset.rows(env.brokerName())) {
            resetRows.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
        }
        assertEquals(expectedReset, resetRows, reset::toString);
        inbox.awaitSize(6 + expectedAgain.size(), TIMEOUT);
        Set<String> again = inbox.snapshot().subList(6, inbox.size()).stream().map(MessageExt::getMsgId)
                .collect(Collectors.toSet());
        assertEquals(expectedAgain, again, "messages consumed again after the reset");
        Offsets.awaitConsumedUpTo(consumer, next, TIMEOUT);

        // offline: consumerProgress shows the backlog; resetOffsetByTime falls back to the old way
        consumer.shutdown();
        List<SendResult> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SendResult r = producer.send(message(topic, "TagA", "more-" + i, "more-" + i));
            assertSendOk(env, topic, r);
            more.add(r);
        }
        Output backlog = awaitOutput("consumerProgress with the backlog", () -> mqadmin(env, "consumerProgress", "-g",
                group), o -> o.lines().contains("Diff Total: 4"));
        Map<Integer, long[]> backlogRows = progressRows(backlog, topic);
        long diff = backlogRows.values().stream().mapToLong(r -> r[0] - r[1]).sum();
        assertEquals(4, diff, backlog::toString);
        Output brokerStats = mqadmin(env, "brokerConsumeStats", "-b", env.brokerAddr()).assertOk();
        List<String[]> groupRows = brokerStats.rows(topic).stream().filter(f -> f.length >= 7 && f[1].equals(group))
                .toList();
        assertEquals(next.keySet().size(), groupRows.size(), brokerStats::toString);
        assertEquals(4, groupRows.stream().mapToLong(f -> Long.parseLong(f[6])).sum(), brokerStats::toString);
        Matcher total = Pattern.compile("Diff Total: (\\d+)").matcher(brokerStats.out());
        assertTrue(total.find() && Long.parseLong(total.group(1)) >= 4, brokerStats::toString);
        Output offline = mqadmin(env, "consumerProgress").assertOk();
        assertTrue(offline.rows(group).stream().anyMatch(f -> f[1].equals("0") && f[2].equals("OFFLINE")
                && f[f.length - 1].equals("4")), offline::toString);

        // cloneGroupOffset copies the stored offsets to another group
        String clone = env.uniqueName("CG");
        Output cloned = mqadmin(env, "cloneGroupOffset", "-s", group, "-d", clone, "-t", topic).assertOk();
        assertTrue(cloned.out().contains("clone group offset success. srcGroup[" + group + "], destGroup=[" + clone
                + "], topic[" + topic + "]"), cloned::toString);
        for (MessageQueue q : next.keySet()) {
            assertEquals(Offsets.brokerOffset(producer, env.brokerAddr(), group, q),
                    Offsets.brokerOffset(producer, env.brokerAddr(), clone, q), "cloned offset of " + q);
            assertEquals(next.get(q), Offsets.brokerOffset(producer, env.brokerAddr(), clone, q), "cloned offset of " + q);
        }

        Output oldReset = mqadmin(env, "resetOffsetByTime", "-g", group, "-t", topic, "-s", "now").assertOk();
        assertTrue(oldReset.out().contains("rollback consumer offset by specified consumerGroup[" + group + "], topic["
                + topic + "], force[true], timestamp(string)[now], timestamp(long)[-1]"), oldReset::toString);
        Map<MessageQueue, Long> now = new HashMap<>(Offsets.nextOffsets(more));
        next.forEach((q, o) -> now.merge(q, o, Math::max));
        Map<Integer, Long> rolledBack = new TreeMap<>();
        for (String[] f : oldReset.rows(env.brokerName())) {
            rolledBack.put(Integer.parseInt(f[1]), Long.parseLong(f[5]));
        }
        Map<Integer, Long> expectedNow = new TreeMap<>();
        now.forEach((q, o) -> expectedNow.put(q.getQueueId(), o));
        assertEquals(expectedNow, rolledBack, oldReset::toString);
        for (Map.Entry<MessageQueue, Long> e : now.entrySet()) {
            assertEquals(e.getValue(), Offsets.brokerOffset(producer, env.brokerAddr(), group, e.getKey()),
                    () -> "offset of " + e.getKey() + " after resetOffsetByTime now\n" + oldReset);
        }
    }

    /** queue id → {broker offset, consumer offset} of the consumerProgress rows of {@code topic}. */
    private static Map<Integer, long[]> progressRows(Output o, String topic) {
        Map<Integer, long[]> rows = new LinkedHashMap<>();
        for (String[] f : o.rows(topic)) {
            if (f.length >= 6 && TABLE_NUMBERS.matcher(f[2]).matches()) {
                rows.put(Integer.parseInt(f[2]), new long[] {Long.parseLong(f[3]), Long.parseLong(f[4])});
            }
        }
        return rows;
    }

    private static Output awaitOutput(String what, java.util.function.Supplier<Output> command,
            java.util.function.Predicate<Output> done) {
        Output[] last = new Output[1];
        try {
            Await.await(what, WAIT, () -> {
                last[0] = command.get();
                return done.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlast output:\n" + last[0], e);
        }
        return last[0].assertOk();
    }

    /** The JSON object an mqadmin command printed (from the first '{' to the last '}'). */
    private static String json(Output o) {
        int start = o.out().indexOf('{');
        int end = o.out().lastIndexOf('}');
        assertTrue(start >= 0 && end > start, o::toString);
        return o.out().substring(start, end + 1);
    }
}
