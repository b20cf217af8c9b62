package io.carrack.examples.store.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.broker.Broker;
import io.carrack.broker.BrokerConfig;
import io.carrack.client.ClientSettings;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.PullConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendResult;
import io.carrack.client.producer.SendStatus;
import io.carrack.common.message.Message;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import io.carrack.spi.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example store inside a real broker, chosen the way a user chooses it: by {@code storeType}
 * alone. Nothing in the broker knows this store; it is found through {@link java.util.ServiceLoader}.
 */
@Timeout(120)
class InMemoryStoreBrokerTest {
    private static final String TOPIC = "InMemoryExampleTopic";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void brokerWithStoreTypeInmemoryServesTheExactMessagesSent() {
        try (NameServer nameServer = startNameServer()) {
            String namesrvAddr = "127.0.0.1:" + nameServer.port();
            BrokerConfig config = brokerConfig(namesrvAddr, InMemoryMessageStoreProvider.NAME);
            config.storeProperties(Map.of("maxBytes", String.valueOf(16 * 1024 * 1024))); // store.inmemory.maxBytes
            try (Broker broker = new Broker(config)) {
                broker.start();
                // Generous timeouts: CI machines are shared and slow; nothing here measures speed.
                ClientSettings settings = ClientSettings.of(namesrvAddr).withRequestTimeout(Duration.ofSeconds(10))
                        .withPollNameServerInterval(Duration.ofSeconds(1)).withHeartbeatInterval(Duration.ofSeconds(2));

                Map<String, Message> sent = new HashMap<>();
                Map<String, SendResult> results = new HashMap<>();
                try (Producer producer = Producer.builder().settings(settings).group("PG_inmemory")
                        .sendTimeout(Duration.ofSeconds(20)).build()) {
                    for (int i = 0; i < 8; i++) {
                        Message m = Message.builder(TOPIC).tags("Tag" + i % 2).keys("key-" + i)
                                .userProperty("seq", String.valueOf(i))
                                .body(("hello in-memory " + i).getBytes(StandardCharsets.UTF_8)).build();
                        SendResult r = producer.send(m);
                        assertEquals(SendStatus.SEND_OK, r.status(), r.toString());
                        sent.put(r.messageId(), m);
                        results.put(r.messageId(), r);
                    }
                }

                List<ReceivedMessage> received = pullAll(settings, sent.size());
                assertEquals(sent.size(), received.size(), "received " + received);
                for (ReceivedMessage got : received) {
                    Message m = sent.get(got.messageId());
                    SendResult r = results.get(got.messageId());
                    assertNotNull(m, "an unexpected message came back: " + got);
                    assertEquals(new String(m.getBody(), StandardCharsets.UTF_8),
                            new String(got.body(), StandardCharsets.UTF_8));
                    assertEquals(m.getTags(), got.tags());
                    assertEquals(m.getKeyList(), got.keys());
                    assertEquals(m.getUserProperty("seq"), got.property("seq"));
                    assertEquals(r.queue(), got.queue(), "queue of " + got.messageId());
                    assertEquals(r.queueOffset(), got.queueOffset(), "queue offset of " + got.messageId());
                    assertEquals(r.offsetMessageId(), got.offsetMessageId(), "offset id (physical offset)");
                }
            }
            // The broker closed the store it was given; only this store writes this file.
            assertTrue(Files.isRegularFile(dir.resolve("broker/inmemory/snapshot.bin")), "snapshot written on close");
        }
    }

    @Test
    void unknownStoreTypeFailsStartUpListingTheStoresFound() {
        BrokerConfig config = brokerConfig("127.0.0.1:9", "nosuchstore");
        try (Broker broker = new Broker(config)) {
            StoreException e = assertThrows(StoreException.class, broker::start);
            assertTrue(e.getMessage().contains("'nosuchstore'"), e.getMessage());
            assertTrue(e.getMessage().contains(InMemoryMessageStoreProvider.NAME), e.getMessage());
        }
    }

    /**
     * What a user does: a broker.conf with {@code storeType=...} and {@code mqbroker}'s command line,
     * {@code java -p <broker modules>:<store module> -m io.carrack.broker/io.carrack.broker.BrokerStartup},
     * in a child JVM. With an unknown name it must fail and list the stores it found, this one included,
     * which shows the module was resolved from the module path by service binding alone.
     */
    @Test
    void mqbrokerWithAnUnknownStoreTypeInBrokerConfListsThisStore() throws IOException, InterruptedException {
        Path conf = dir.resolve("broker.conf");
        Files.writeString(conf, String.join("\n",
                "brokerName=broker-x",
                "namesrvAddr=127.0.0.1:9",
                "listenPort=0",
                "storePathRootDir=" + dir.resolve("store").toString().replace('\\', '/'),
                "storeType=nosuchstore", ""));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx128m", "-p", brokerModulePath(),
                "-m", "io.carrack.broker/io.carrack.broker.BrokerStartup", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mqbroker.out").toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mqbroker did not stop");
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("mqbroker.out"));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("unknown storeType 'nosuchstore'"), output);
        assertTrue(output.contains(InMemoryMessageStoreProvider.NAME), output);
    }

    /**
     * The broker's module path as bin/mqbroker builds it (broker-runtime and its runtime dependencies)
     * plus this module's classes. Taken from the test JVM's own paths, leaving out test tooling.
     */
    private static String brokerModulePath() {
        return Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(InMemoryStoreBrokerTest::isRuntimeModule)
                .map(Path::toString)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isRuntimeModule(Path entry) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
            // target/classes directories are exploded modules; test-classes are not modules at all
            return Files.isRegularFile(entry.resolve("module-info.class"));
        }
        return name.endsWith(".jar") && !name.endsWith("-tests.jar")
                && Stream.of("junit-", "opentest4j-", "apiguardian-", "surefire-", "common-java5-")
                .noneMatch(name::startsWith);
    }

    private List<ReceivedMessage> pullAll(ClientSettings settings, int count) {
        try (PullConsumer consumer = PullConsumer.builder().settings(settings).group("CG_inmemory")
                .consumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET).autoCommit(false).build()) {
            consumer.assign(consumer.fetchMessageQueues(TOPIC));
            List<ReceivedMessage> received = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                received.addAll(consumer.poll(Duration.ofMillis(200)));
            }
            return received;
        }
    }

    private NameServer startNameServer() {
        NamesrvConfig config = new NamesrvConfig();
        config.setBindAddress("127.0.0.1");
        config.setListenPort(0);
        config.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NameServer nameServer = new NameServer(config);
        nameServer.start();
        return nameServer;
    }

    private BrokerConfig brokerConfig(String namesrvAddr, String storeType) {
        BrokerConfig config = new BrokerConfig();
        config.setBrokerName("broker-a");
        config.setBindAddress("127.0.0.1");
        config.setBrokerIP1("127.0.0.1");
        config.setListenPort(0);
        config.setNamesrvAddr(namesrvAddr);
        config.setStorePathRootDir(dir.resolve("broker").toString());
        config.setStoreType(storeType); // broker.conf: storeType=inmemory
        return config;
    }
}
