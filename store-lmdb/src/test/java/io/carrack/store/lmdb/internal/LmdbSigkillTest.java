package io.carrack.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL (by PID) in the middle of SYNC_FLUSH puts ({@link LmdbCrashChild}), reopens the
 * store and checks that every acknowledged put is readable with the queue and physical offsets it was
 * acknowledged with, that each queue is contiguous, and that puts continue after the last acknowledged offsets.
 */
class LmdbSigkillTest {
    private static final int ACKS_BEFORE_KILL = 400;
    private static final long CHILD_MAX_SECONDS = 30;
    /** What lmdbjava needs on the class path (README.md). */
    static final List<String> LMDB_CLASS_PATH_FLAGS = List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED");

    @TempDir
    Path dir;

    /** An acknowledged put as the child printed it. */
    record Ack(int queueId, long queueOffset, long physicalOffset, int size, int bodyLength, int seed) {
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedPutSurvivesSigkill() throws Exception {
        Process child = startChild();
        List<Ack> acks = new ArrayList<>();
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
                }
            }
            assertTrue(killed, "the child acknowledged only " + acks.size() + " puts before ending: "
                    + Files.readString(dir.resolve("child-stderr.log")));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        Set<Long> seen = new java.util.HashSet<>();
        for (Ack a : acks) {
            assertTrue(seen.add(a.physicalOffset()), "physical offsets are unique: " + a);
        }

        try (LmdbMessageStore store = LmdbTestSupport.open(LmdbCrashChild.config(dir), new ControlledClock())) {
            for (Ack a : acks) {
                StoredMessage m = TestMessages.decode(store.read(a.physicalOffset()).orElseThrow(
                        () -> new AssertionError("acknowledged put lost: " + a)));
                assertEquals(a.queueId(), m.queueId(), a.toString());
                assertEquals(a.queueOffset(), m.queueOffset(), a.toString());
                assertEquals(a.physicalOffset(), m.physicalOffset(), a.toString());
                assertEquals(a.size(), m.storeSize(), a.toString());
                assertEquals(a.bodyLength(), m.body().length, a.toString());
                assertArrayEquals(TestMessages.patternBody(a.bodyLength(), a.seed()), m.body(), a.toString());
                try (GetResult g = store.get(LmdbCrashChild.TOPIC, a.queueId(), a.queueOffset(), 1,
                        MessageFilter.ALL)) {
                    assertEquals(GetStatus.FOUND, g.status(), a.toString());
                    assertEquals(a.physicalOffset(), TestMessages.decode(g.messages().get(0)).physicalOffset());
                }
            }
            Ack last = acks.get(acks.size() - 1);
            assertTrue(store.stats().maxPhysicalOffset() >= last.physicalOffset() + last.size());
            for (int q = 0; q < 4; q++) {
                assertQueueIntact(store, q);
            }
            long nextOffset = store.maxOffset(LmdbCrashChild.TOPIC, 0);
            PutResult after = store.put(TestMessages.message(LmdbCrashChild.TOPIC, 0, "after"));
            assertEquals(nextOffset, after.queueOffset());
            assertTrue(after.physicalOffset() >= last.physicalOffset() + last.size(), "physical offsets continue");
        }
    }

    /** Every entry from 0 to max decodes, QUEUEOFFSET equals its index, and the queue ends there. */
    private static void assertQueueIntact(LmdbMessageStore store, int queueId) {
        long max = store.maxOffset(LmdbCrashChild.TOPIC, queueId);
        long offset = 0;
        for (int guard = 0; offset < max && guard < 10_000; guard++) {
            try (GetResult g = store.get(LmdbCrashChild.TOPIC, queueId, offset, 32, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status());
                for (int i = 0; i < g.messages().size(); i++) {
                    StoredMessage m = TestMessages.decode(g.messages().get(i));
                    assertEquals(offset + i, m.queueOffset());
                    assertEquals(LmdbCrashChild.TOPIC, m.topic());
                }
                offset = g.nextBeginOffset();
            }
        }
        assertEquals(max, offset);
    }

    private static Ack parse(String line) {
        String[] p = line.split(" ");
        return new Ack(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Integer.parseInt(p[4]),
                Integer.parseInt(p[5]), Integer.parseInt(p[6]));
    }

    private Process startChild() throws IOException {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(codeSource(LmdbCrashChild.class));
        cp.add(codeSource(LmdbMessageStore.class));
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                cp.addAll(Arrays.asList(v.split(File.pathSeparator)));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(LMDB_CLASS_PATH_FLAGS);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, cp), LmdbCrashChild.class.getName(),
                dir.toString(), Integer.toString(ACKS_BEFORE_KILL * 20), Long.toString(CHILD_MAX_SECONDS)));
        ProcessBuilder pb = new ProcessBuilder(command);
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
