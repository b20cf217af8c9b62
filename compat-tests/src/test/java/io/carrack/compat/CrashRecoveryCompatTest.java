package io.carrack.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.ChildBroker;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.EmbeddedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker with {@code flushDiskType=SYNC_FLUSH} killed with SIGKILL in the middle of a stream of synchronous
 * sends loses no acknowledged message: after a restart on the same store, every send the official client saw
 * {@code SEND_OK} for is readable at its queue offset with its body, msgId and offsetMsgId; the queues have no
 * holes, hold only messages that were sent, each once; and new sends get offsets after every acknowledged one.
 *
 * <p>The broker runs in a child JVM ({@link ChildBroker}, output in {@code target/compat-work/crash-<store>-*}),
 * registering with the test's name server as a second broker of the cluster.
 */
class CrashRecoveryCompatTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryCompatTest.class);
    private static final int QUEUES = 4;
    private static final int PRODUCER_THREADS = 2;
    /** Sends stop after this many messages or {@link #SEND_WINDOW}, whichever comes first (bounds the run). */
    private static final int MAX_MESSAGES = 2000;
    private static final Duration SEND_WINDOW = Duration.ofSeconds(20);
    /** The broker is killed after a random number of acknowledgements in this range, or after KILL_AT_LATEST. */
    private static final int KILL_AFTER_MIN_ACKS = 150;
    private static final int KILL_AFTER_MAX_ACKS = 600;
    private static final Duration KILL_AT_LATEST = Duration.ofSeconds(10);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SIGKILL_STATUS = 128 + 9;

    /** An acknowledged send. */
    private record Ack(int queueId, long queueOffset, String msgId, String offsetMsgId, String key, String body) {
    }

    @CompatTest
    void acknowledgedSendsSurviveSigkill(CompatEnv env) throws Exception {
        Path dir = env.newWorkDir("crash");
        String brokerName = "broker-crash-" + env.store().id();
        Properties conf = env.brokerConf(brokerName, dir.resolve("store"));
        conf.setProperty("listenPort", Integer.toString(freePort()));
        conf.setProperty("flushDiskType", "SYNC_FLUSH");
        Path confFile = dir.resolve("broker.conf");
        ChildBroker.writeConf(conf, confFile);
        String topic = env.uniqueName("T");
        long seed = ThreadLocalRandom.current().nextLong();
        int killAfter = KILL_AFTER_MIN_ACKS + new Random(seed).nextInt(KILL_AFTER_MAX_ACKS - KILL_AFTER_MIN_ACKS + 1);
        LOG.info("crash test of store {}: directory {}, kill after {} acknowledgements (seed {})",
                env.store().id(), dir, killAfter, seed);

        Sender sender;
        try (ChildBroker first = ChildBroker.launch(confFile, null, dir.resolve("run1.log"), e -> true)) {
            String addr = first.awaitBoot(BOOT_TIMEOUT);
            DefaultMQAdminExt admin = env.startedAdmin();
            admin.createAndUpdateTopicConfig(addr, new TopicConfig(topic, QUEUES, QUEUES, 6));
            DefaultMQProducer producer = env.startedProducer();
            List<MessageQueue> queues = Await.awaitValue("route of " + topic + " to " + brokerName, TIMEOUT, () -> {
                List<MessageQueue> q = env.publishQueues(producer, topic);
                return q.size() == QUEUES && q.stream().allMatch(m -> brokerName.equals(m.getBrokerName())) ? q : null;
            });
            assertEquals(QUEUES, queues.size());

            sender = new Sender(producer, topic, seed);
            sender.start();
            long killDeadline = System.nanoTime() + KILL_AT_LATEST.toNanos();
            Await.await(killAfter + " acknowledged sends (or " + KILL_AT_LATEST.toSeconds() + " s)",
                    KILL_AT_LATEST.plusSeconds(5), () -> sender.acks.size() >= killAfter
                            || System.nanoTime() - killDeadline >= 0 || !sender.failures.isEmpty() || sender.done());
            assertTrue(sender.failures.isEmpty(), () -> "sends failed before the kill: " + sender.failures
                    + "; broker log " + first.log());
            assertTrue(!sender.done(), "the senders stopped before the kill (limit reached): " + sender.acks.size());
            sender.killed.set(true);
            int status = first.kill();
            assertEquals(SIGKILL_STATUS, status, "exit status of the SIGKILLed broker");
            sender.join(TIMEOUT);
        }
        List<Ack> acks = List.copyOf(sender.acks);
        LOG.info("store {}: {} sends acknowledged before SIGKILL, {} attempted, {} not SEND_OK: {}",
                env.store().id(), acks.size(), sender.attempted.size(), sender.notOk.size(), sender.notOk);
        assertTrue(acks.size() >= Math.min(killAfter, 20), () -> "too few acknowledged sends to test: " + acks.size());

        try (ChildBroker second = ChildBroker.launch(confFile, null, dir.resolve("run2.log"), e -> true)) {
            second.awaitBoot(BOOT_TIMEOUT);
            Reader reader = new Reader(env, topic, brokerName);
            reader.readUpTo(maxOffsets(acks), second);
            reader.assertQueuesSound(sender.attempted);
            for (Ack ack : acks) {
                MessageExt m = reader.at(ack.queueId(), ack.queueOffset());
                String where = "acknowledged message " + ack + " after the restart";
                assertNotNull(m, () -> where + ": nothing at its offset; queue ends at "
                        + reader.next(ack.queueId()));
                assertEquals(ack.key(), m.getKeys(), where + ": key");
                assertEquals(ack.body(), new String(m.getBody(), StandardCharsets.UTF_8), where + ": body");
                assertEquals(ack.msgId(), m.getMsgId(), where + ": msgId");
                assertEquals(ack.offsetMsgId(), ((MessageClientExt) m).getOffsetMsgId(), where + ": offsetMsgId");
                assertEquals(topic, m.getTopic(), where + ": topic");
            }

            // The restarted broker appends after what it recovered: new sends never reuse an acknowledged offset.
            DefaultMQProducer producer = env.startedProducer();
            Map<Integer, Long> maxAcked = maxOffsets(acks);
            Map<Integer, Long> after = new TreeMap<>();
            Map<String, String> afterBodies = new ConcurrentHashMap<>();
            Map<Integer, String> afterKeys = new TreeMap<>();
            for (MessageQueue queue : reader.queues()) {
                AtomicInteger attempt = new AtomicInteger();
                // Retried on a client-side timeout with a new key each time (a timed-out send may be stored).
                SendResult r = Await.awaitValue("a send after the restart to queue " + queue.getQueueId(), TIMEOUT,
                        () -> {
                            String key = "after-" + queue.getQueueId() + "-" + attempt.incrementAndGet();
                            String body = "after the restart, " + key;
                            sender.attempted.put(key, body);
                            afterBodies.put(key, body);
                            try {
                                return producer.send(new Message(topic, "TagA", key,
                                        body.getBytes(StandardCharsets.UTF_8)), queue);
                            } catch (MQBrokerException e) {
                                throw new AssertionError("the restarted broker refused a send: " + e, e);
                            }
                        });
                assertEquals(SendStatus.SEND_OK, r.getSendStatus(), () -> "send after the restart: " + r);
                long floor = maxAcked.getOrDefault(queue.getQueueId(), -1L);
                assertTrue(r.getQueueOffset() > floor, () -> "send after the restart to queue " + queue.getQueueId()
                        + " got offset " + r.getQueueOffset() + ", at or below the acknowledged " + floor);
                after.put(queue.getQueueId(), r.getQueueOffset());
                afterKeys.put(queue.getQueueId(), "after-" + queue.getQueueId() + "-" + attempt.get());
            }
            reader.readUpTo(after, second);
            reader.assertQueuesSound(sender.attempted);
            after.forEach((q, o) -> {
                MessageExt m = reader.at(q, o);
                assertNotNull(m, "message sent after the restart at queue " + q + " offset " + o);
                assertEquals(afterKeys.get(q), m.getKeys());
                assertEquals(afterBodies.get(afterKeys.get(q)), new String(m.getBody(), StandardCharsets.UTF_8));
            });
        }
        EmbeddedCluster.deleteQuietly(dir.resolve("store"));
    }

    /** Per queue id, the largest acknowledged offset. */
    private static Map<Integer, Long> maxOffsets(Collection<Ack> acks) {
        Map<Integer, Long> max = new TreeMap<>();
        for (Ack a : acks) {
            max.merge(a.queueId(), a.queueOffset(), Math::max);
        }
        return max;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Producer threads sending synchronously (the producer retries nothing) until stopped, the limits reached,
     * or a send fails after the kill; every SEND_OK is recorded.
     */
    private static final class Sender {
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> notOk = new CopyOnWriteArrayList<>();
        /** Key to body of every message handed to send, acknowledged or not. */
        final Map<String, String> attempted = new ConcurrentHashMap<>();
        final AtomicBoolean killed = new AtomicBoolean();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private final DefaultMQProducer producer;
        private final String topic;
        private final long seed;

        Sender(DefaultMQProducer producer, String topic, long seed) {
            this.producer = producer;
            this.topic = topic;
            this.seed = seed;
        }

        void start() {
            long deadline = System.nanoTime() + SEND_WINDOW.toNanos();
            for (int t = 0; t < PRODUCER_THREADS; t++) {
                int thread = t;
                Thread th = new Thread(() -> run(thread, deadline), "compat-crash-sender-" + t);
                th.setDaemon(true);
                threads.add(th);
            }
            running.set(threads.size());
            threads.forEach(Thread::start);
        }

        boolean done() {
            return running.get() == 0;
        }

        void join(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                assertTrue(!t.isAlive(), t.getName() + " still sends " + timeout.toMillis() + " ms after the kill");
            }
        }

        private void run(int thread, long deadline) {
            Random random = new Random(seed + thread);
            try {
                for (int i = 0; System.nanoTime() - deadline < 0 && sent.incrementAndGet() <= MAX_MESSAGES; i++) {
                    String key = "crash-" + thread + "-" + i;
                    String body = key + " " + randomText(random, 64 + random.nextInt(960));
                    attempted.put(key, body);
                    try {
                        SendResult r = producer.send(new Message(topic, "TagA", key,
                                body.getBytes(StandardCharsets.UTF_8)));
                        if (r.getSendStatus() == SendStatus.SEND_OK) {
                            acks.add(new Ack(r.getMessageQueue().getQueueId(), r.getQueueOffset(), r.getMsgId(),
                                    r.getOffsetMsgId(), key, body));
                        } else {
                            notOk.add(key + ": " + r.getSendStatus());
                        }
                    } catch (Exception e) {
                        if (killed.get()) {
                            return;
                        }
                        if (brokerError(e)) {
                            failures.add(key + ": " + e);
                            return;
                        }
                        // A client-side timeout or a connection closed by one (the machine may be loaded):
                        // not acknowledged, and not a broker error.
                        notOk.add(key + ": " + e);
                    }
                }
            } finally {
                running.decrementAndGet();
            }
        }

        /** Whether the broker answered with an error, as opposed to a transport failure on the client side. */
        private static boolean brokerError(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MQBrokerException) {
                    return true;
                }
            }
            return false;
        }

        private static String randomText(Random random, int length) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            return sb.toString();
        }
    }

    /** A lite pull consumer assigned every queue of the topic from offset 0, keeping what it read by offset. */
    private static final class Reader {
        private final DefaultLitePullConsumer consumer;
        private final List<MessageQueue> queues;
        private final Map<Integer, TreeMap<Long, MessageExt>> byQueue = new TreeMap<>();
        private final List<String> duplicates = new ArrayList<>();

        Reader(CompatEnv env, String topic, String brokerName) throws Exception {
            consumer = env.litePullConsumer(env.uniqueName("CG"));
            consumer.setAutoCommit(false);
            consumer.start();
            queues = new ArrayList<>(Await.awaitValue("route of " + topic + " to the restarted " + brokerName,
                    TIMEOUT, () -> {
                        Collection<MessageQueue> q = consumer.fetchMessageQueues(topic);
                        return q.size() == QUEUES ? q : null;
                    }));
            consumer.assign(queues);
            for (MessageQueue q : queues) {
                // seek asks the broker for the queue's bounds: retried, a loaded machine may time a call out.
                Await.awaitValue("seek to offset 0 of queue " + q.getQueueId(), TIMEOUT, () -> {
                    consumer.seek(q, 0);
                    return Boolean.TRUE;
                });
                byQueue.put(q.getQueueId(), new TreeMap<>());
            }
        }

        List<MessageQueue> queues() {
            return queues;
        }

        /** Polls until every queue in {@code ends} has been read up to and including its offset there. */
        void readUpTo(Map<Integer, Long> ends, ChildBroker broker) {
            Await.await("the restarted broker to serve queues up to " + ends, TIMEOUT, () -> {
                for (MessageExt m : consumer.poll(200)) {
                    MessageExt previous = byQueue.computeIfAbsent(m.getQueueId(), q -> new TreeMap<>())
                            .putIfAbsent(m.getQueueOffset(), m);
                    if (previous != null && !Objects.equals(previous.getKeys(), m.getKeys())) {
                        duplicates.add("queue " + m.getQueueId() + " offset " + m.getQueueOffset() + " read as "
                                + previous.getKeys() + " and as " + m.getKeys());
                    }
                }
                return ends.entrySet().stream().allMatch(e -> next(e.getKey()) > e.getValue());
            }, () -> "read up to " + nextOffsets() + "; broker log " + broker.log());
        }

        /** The offset after the contiguous run read from 0 in a queue. */
        long next(int queueId) {
            TreeMap<Long, MessageExt> read = byQueue.getOrDefault(queueId, new TreeMap<>());
            long next = 0;
            while (read.containsKey(next)) {
                next++;
            }
            return next;
        }

        MessageExt at(int queueId, long offset) {
            return byQueue.getOrDefault(queueId, new TreeMap<>()).get(offset);
        }

        /**
         * Every queue read so far is gap-free from 0 and holds only messages that were sent, each with its body
         * and once.
         */
        void assertQueuesSound(Map<String, String> attempted) {
            assertTrue(duplicates.isEmpty(), () -> "offsets read twice with different messages: " + duplicates);
            Map<String, String> seen = new HashMap<>();
            byQueue.forEach((queueId, read) -> {
                if (read.isEmpty()) {
                    return;
                }
                assertEquals(read.lastKey() + 1, next(queueId), () -> "queue " + queueId + " has a hole: offsets "
                        + read.keySet());
                read.forEach((offset, m) -> {
                    String where = "queue " + queueId + " offset " + offset + " (" + m.getKeys() + ")";
                    String body = m.getKeys() == null ? null : attempted.get(m.getKeys());
                    assertNotNull(body, () -> where + " holds a message that was never sent: " + m);
                    assertEquals(body, new String(m.getBody(), StandardCharsets.UTF_8), where + ": body");
                    String other = seen.put(m.getKeys(), where);
                    assertTrue(other == null, () -> where + " is stored twice, also at " + other);
                });
            });
        }

        Map<Integer, Long> nextOffsets() {
            Map<Integer, Long> next = new TreeMap<>();
            byQueue.keySet().forEach(q -> next.put(q, next(q)));
            return next;
        }
    }
}
