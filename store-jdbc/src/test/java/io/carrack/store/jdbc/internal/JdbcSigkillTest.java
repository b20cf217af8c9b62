package io.carrack.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL (by PID) while two threads put in SYNC_FLUSH on the default H2 database
 * ({@link JdbcCrashChild}), reopens the store and checks that every acknowledged put is readable with the queue
 * and physical offsets it was acknowledged with, that queues are contiguous, and that offsets go on after them.
 */
class JdbcSigkillTest {
    private static final int ACKS_BEFORE_KILL = 300;
    private static final long CHILD_MAX_SECONDS = 60;

    @TempDir
    Path dir;

    /** An acknowledged put as the child printed it. */
    record Ack(int queueId, long queueOffset, long physicalOffset, int size, int bodyLength) {
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyAcknowledgedPutSurvivesSigkill() throws Exception {
        Process child = startChild();
        List<Ack> acks = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acks.add(parse(line));
                    if (!killed && acks.size() >= ACKS_BEFORE_KILL) {
                        kill9(child);
                        killed = true;
                    }
                } else if (line.startsWith("FAILED")) {
                    failures.add(line);
                }
            }
            assertTrue(killed, "the child acknowledged only " + acks.size() + " puts before ending: "
                    + Files.readString(dir.resolve("child-stderr.log")));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(List.of(), failures, "puts refused by the child's store");

        try (JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(JdbcCrashChild.config(dir),
                new ControlledClock()))) {
            store.start();
            Set<Long> physicalOffsets = new HashSet<>();
            for (Ack a : acks) {
                assertTrue(physicalOffsets.add(a.physicalOffset()), "physical offset acknowledged twice: " + a);
                StoredMessage m = TestMessages.decode(store.read(a.physicalOffset()).orElseThrow(
                        () -> new AssertionError("acknowledged put lost: " + a)));
                assertEquals(a.queueId(), m.queueId(), a.toString());
                assertEquals(a.queueOffset(), m.queueOffset(), a.toString());
                assertEquals(a.physicalOffset(), m.physicalOffset(), a.toString());
                assertEquals(a.size(), m.storeSize(), a.toString());
                assertEquals(a.bodyLength(), m.body().length, a.toString());
                try (GetResult g = store.get(JdbcCrashChild.TOPIC, a.queueId(), a.queueOffset(), 1,
                        MessageFilter.ALL)) {
                    assertEquals(GetStatus.FOUND, g.status(), a.toString());
                    assertEquals(a.physicalOffset(), TestMessages.decode(g.messages().get(0)).physicalOffset());
                }
            }
            long end = 0;
            for (int q = 0; q < 4; q++) {
                end = Math.max(end, assertQueueIntact(store, q));
            }
            assertEquals(store.stats().maxPhysicalOffset(), end, "the log ends after its last record");
            long next = store.maxOffset(JdbcCrashChild.TOPIC, 0);
            var after = store.put(TestMessages.message(JdbcCrashChild.TOPIC, 0, "after"));
            assertEquals(next, after.queueOffset());
            assertEquals(end, after.physicalOffset(), "physical offsets go on from the end of the log");
        }
    }

    /** Every entry from 0 to max decodes with QUEUEOFFSET equal to its index; returns where its last record ends. */
    private static long assertQueueIntact(JdbcMessageStore store, int queueId) {
        long max = store.maxOffset(JdbcCrashChild.TOPIC, queueId);
        long offset = 0;
        long end = 0;
        for (int guard = 0; offset < max && guard < 10_000; guard++) {
            try (GetResult g = store.get(JdbcCrashChild.TOPIC, queueId, offset, 32, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status());
                for (int i = 0; i < g.messages().size(); i++) {
                    StoredMessage m = TestMessages.decode(g.messages().get(i));
                    assertEquals(offset + i, m.queueOffset());
                    end = Math.max(end, m.physicalOffset() + m.storeSize());
                }
                offset = g.nextBeginOffset();
            }
        }
        assertEquals(max, offset);
        return end;
    }

    private static Ack parse(String line) {
        String[] p = line.split(" ");
        return new Ack(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Integer.parseInt(p[4]),
                Integer.parseInt(p[5]));
    }

    private Process startChild() throws IOException {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(codeSource(JdbcCrashChild.class));
        cp.add(codeSource(JdbcMessageStore.class));
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                cp.addAll(Arrays.asList(v.split(File.pathSeparator)));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, cp), JdbcCrashChild.class.getName(), dir.toString(),
                Integer.toString(ACKS_BEFORE_KILL * 20), Long.toString(CHILD_MAX_SECONDS));
        pb.redirectError(dir.resolve("child-stderr.log").toFile());
        return pb.start();
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGKILL to the child by PID. */
    private static void kill9(Process child) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            child.destroyForcibly();
        }
        assertFalse(child.waitFor(10, TimeUnit.SECONDS) && child.exitValue() == 0, "child ended normally");
    }
}
