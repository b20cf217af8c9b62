package io.carrack.spi.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash part of the conformance kit: kills a child JVM with SIGKILL (by PID) while it puts in SYNC_FLUSH,
 * reopens the store and checks that every put the child saw acknowledged is readable with the queue and physical
 * offsets it was acknowledged with and its body, that each queue is contiguous from 0, and that puts go on after
 * the last acknowledged offsets.
 *
 * <h2>Using it</h2>
 * Like {@link MessageStoreConformance}, with {@code spi}'s test-jar on the test class path:
 * <pre>{@code
 * class MyStoreCrashTest extends MessageStoreCrashConformance {
 *     @Override protected MessageStoreProvider provider() { return new MyStoreProvider(); }
 * }
 * }</pre>
 * The child ({@link CrashChild}) runs with the test's class path (class path and module path flattened),
 * creates an instance of the test class with its no-argument constructor and opens the store with
 * {@link #provider()} and {@link #config(Path)}, so the same hooks serve both processes. Hooks:
 * {@link #config(Path)} (SYNC_FLUSH unless overridden), {@link #childJvmOptions()} (e.g. {@code --add-opens}),
 * {@link #producers()}, {@link #acksBeforeKill()}, {@link #childMaxSeconds()}, {@link #afterKill(Path)} (to damage
 * files as a crash could) and {@link #checkRecovered(MessageStore, Recovery)} (store-specific checks).
 *
 * <p>Needs a {@code kill} command (Linux, macOS).
 *
 * <p>Thread safety: JUnit creates one instance per test; not shared.
 */
public abstract class MessageStoreCrashConformance extends StoreConformanceSupport {
    /** The topic the child puts to. */
    protected static final String TOPIC = "Crash";
    /** Queues of {@link #TOPIC} the child puts to. */
    protected static final int QUEUES = 4;

    /** An acknowledged put as the child printed it. */
    protected record Ack(int queueId, long queueOffset, long physicalOffset, int size, int bodyLength, int seed) {
        /** One past the record's last byte in the log. */
        public long end() {
            return physicalOffset + size;
        }

        static Ack parse(String line) {
            String[] p = line.split(" ");
            return new Ack(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]),
                    Integer.parseInt(p[4]), Integer.parseInt(p[5]), Integer.parseInt(p[6]));
        }
    }

    /**
     * What the reopened store showed.
     *
     * @param acks       the puts the child saw acknowledged
     * @param recordsEnd the largest end of a record found in the queues
     * @param logEnd     {@code stats().maxPhysicalOffset()} before the put below
     * @param after      a put to queue 0 made after the checks
     */
    protected record Recovery(List<Ack> acks, long recordsEnd, long logEnd, PutResult after) {
    }

    /** The crash test's configuration: the kit's default in SYNC_FLUSH. Also used by the child. */
    @Override
    protected StoreConfig config(Path rootDir) {
        return super.config(rootDir).withFlushMode(FlushMode.SYNC_FLUSH);
    }

    /** JVM options of the child, besides its class path. */
    protected List<String> childJvmOptions() {
        return List.of();
    }

    /** Threads putting in the child. */
    protected int producers() {
        return 1;
    }

    /** Acknowledged puts after which the child is killed. */
    protected int acksBeforeKill() {
        return 400;
    }

    /** How long the child may run if it is not killed. */
    protected long childMaxSeconds() {
        return 30;
    }

    /** Runs after the child is dead and before the store is reopened (e.g. to append garbage to a file). */
    protected void afterKill(Path rootDir) throws IOException {
    }

    /** Store-specific checks of the reopened store, after the kit's own. */
    protected void checkRecovered(MessageStore store, Recovery recovery) {
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyAcknowledgedPutSurvivesSigkill() throws Exception {
        List<Ack> acks = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Process child = startChild();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acks.add(Ack.parse(line));
                    if (!killed && acks.size() >= acksBeforeKill()) {
                        kill9(child);
                        killed = true;
                    }
                } else if (line.startsWith("FAILED")) {
                    refused.add(line);
                }
            }
            assertTrue(killed, "the child acknowledged only " + acks.size() + " puts before ending: "
                    + Files.readString(stderrFile()));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(List.of(), refused, "puts refused by the child's store");
        afterKill(storeDir);

        MessageStore store = open(config(storeDir));
        long acksEnd = 0;
        Set<Long> physicalOffsets = new HashSet<>();
        for (Ack a : acks) {
            assertTrue(physicalOffsets.add(a.physicalOffset()), "physical offset acknowledged twice: " + a);
            StoredMessage m = TestMessages.decode(store.read(a.physicalOffset()).orElseThrow(
                    () -> new AssertionError("acknowledged put lost: " + a)));
            assertEquals(a.queueId(), m.queueId(), a.toString());
            assertEquals(a.queueOffset(), m.queueOffset(), a.toString());
            assertEquals(a.physicalOffset(), m.physicalOffset(), a.toString());
            assertEquals(a.size(), m.storeSize(), a.toString());
            assertArrayEquals(TestMessages.patternBody(a.bodyLength(), a.seed()), m.body(), a.toString());
            try (GetResult g = store.get(TOPIC, a.queueId(), a.queueOffset(), 1, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status(), a.toString());
                assertEquals(a.physicalOffset(), TestMessages.decode(g.messages().get(0)).physicalOffset(),
                        a.toString());
            }
            acksEnd = Math.max(acksEnd, a.end());
        }
        long recordsEnd = 0;
        for (int q = 0; q < QUEUES; q++) {
            recordsEnd = Math.max(recordsEnd, assertQueueIntact(store, q));
        }
        long logEnd = store.stats().maxPhysicalOffset();
        assertTrue(logEnd >= acksEnd, "the log ends at " + logEnd + ", before acknowledged records end at "
                + acksEnd);
        long next = store.maxOffset(TOPIC, 0);
        PutResult after = store.put(TestMessages.message(TOPIC, 0, "after"));
        assertEquals(next, after.queueOffset(), "queue offsets go on after recovery");
        assertTrue(after.physicalOffset() >= acksEnd, "physical offsets go on after the acknowledged records");
        checkRecovered(store, new Recovery(List.copyOf(acks), recordsEnd, logEnd, after));
    }

    /** Every entry from 0 to max decodes with QUEUEOFFSET equal to its index; returns where its last record ends. */
    private static long assertQueueIntact(MessageStore store, int queueId) {
        long max = store.maxOffset(TOPIC, queueId);
        long offset = 0;
        long end = 0;
        for (int guard = 0; offset < max && guard < 10_000; guard++) {
            try (GetResult g = store.get(TOPIC, queueId, offset, 32, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status(), TOPIC + "/" + queueId + " at " + offset);
                for (int i = 0; i < g.messages().size(); i++) {
                    StoredMessage m = TestMessages.decode(g.messages().get(i));
                    assertEquals(offset + i, m.queueOffset());
                    assertEquals(TOPIC, m.topic());
                    end = Math.max(end, m.physicalOffset() + m.storeSize());
                }
                offset = g.nextBeginOffset();
            }
        }
        assertEquals(max, offset, TOPIC + "/" + queueId + " read to its end");
        return end;
    }

    private Path stderrFile() {
        return storeDir.resolve("child-stderr.log");
    }

    private Process startChild() throws IOException {
        Set<String> classPath = new LinkedHashSet<>();
        classPath.add(codeSource(getClass()));
        classPath.add(codeSource(provider().getClass()));
        classPath.add(codeSource(CrashChild.class));
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                classPath.addAll(Arrays.asList(v.split(File.pathSeparator)));
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(childJvmOptions());
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), CrashChild.class.getName(),
                getClass().getName(), storeDir.toString(), Integer.toString(acksBeforeKill() * 20),
                Long.toString(childMaxSeconds())));
        return new ProcessBuilder(command).redirectError(stderrFile().toFile()).start();
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGKILL to the child by PID, bounded in time. */
    private static void kill9(Process child) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            child.destroyForcibly();
        }
        assertFalse(child.waitFor(10, TimeUnit.SECONDS) && child.exitValue() == 0, "child ended normally");
    }
}
