package io.carrack.store.mmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL in the middle of SYNC_FLUSH writes ({@link CrashChild}), appends garbage
 * to the last commit-log file, reopens the store and checks that every acknowledged put is readable with
 * the queue and physical offsets it was acknowledged with, and that nothing else is served.
 */
class SigkillRecoveryTest {
    private static final int ACKS_BEFORE_KILL = 400;
    private static final long CHILD_MAX_SECONDS = 30;

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
        assertTrue(acks.size() >= ACKS_BEFORE_KILL);
        assertTrue(Files.exists(dir.resolve("abort")), "a killed store leaves its abort file");
        long garbageAt = appendGarbageToLastLogFile();

        StoreConfig config = new StoreConfig(dir, FlushMode.SYNC_FLUSH, CrashChild.LOG_FILE_SIZE, 20 * 64,
                64 * 1024, 5000, 50, 72, "04", 99, Map.of(MmapStoreConfig.INDEX_HASH_SLOTS, "1024",
                MmapStoreConfig.INDEX_MAX_ENTRIES, "8192"));
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, new ControlledClock()))) {
            store.start();
            for (Ack a : acks) {
                StoredMessage m = TestMessages.decode(store.read(a.physicalOffset()).orElseThrow(
                        () -> new AssertionError("acknowledged put lost: " + a)));
                assertEquals(a.queueId(), m.queueId(), a.toString());
                assertEquals(a.queueOffset(), m.queueOffset(), a.toString());
                assertEquals(a.size(), m.storeSize(), a.toString());
                assertEquals(a.bodyLength(), m.body().length, a.toString());
                try (GetResult g = store.get(CrashChild.TOPIC, a.queueId(), a.queueOffset(), 1, MessageFilter.ALL)) {
                    assertEquals(GetStatus.FOUND, g.status(), a.toString());
                    assertEquals(a.physicalOffset(), TestMessages.decode(g.messages().get(0)).physicalOffset());
                }
            }
            long end = store.stats().maxPhysicalOffset();
            assertTrue(end <= garbageAt, "garbage at " + garbageAt + " is not part of the log ending at " + end);
            for (int q = 0; q < 4; q++) {
                assertQueueIntact(store, q);
            }
            long nextOffset = store.maxOffset(CrashChild.TOPIC, 0);
            assertEquals(nextOffset, store.put(TestMessages.message(CrashChild.TOPIC, 0, "after")).queueOffset());
        }
    }

    /** Every entry from 0 to max decodes, QUEUEOFFSET equals its index, and the queue ends there. */
    private static void assertQueueIntact(MmapMessageStore store, int queueId) {
        long max = store.maxOffset(CrashChild.TOPIC, queueId);
        long offset = 0;
        for (int guard = 0; offset < max && guard < 10_000; guard++) {
            try (GetResult g = store.get(CrashChild.TOPIC, queueId, offset, 32, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status());
                for (int i = 0; i < g.messages().size(); i++) {
                    StoredMessage m = TestMessages.decode(g.messages().get(i));
                    assertEquals(offset + i, m.queueOffset());
                    assertEquals(CrashChild.TOPIC, m.topic());
                }
                offset = g.nextBeginOffset();
            }
        }
        assertEquals(max, offset);
    }

    private long appendGarbageToLastLogFile() throws IOException {
        Path last;
        try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
            last = s.sorted().reduce((a, b) -> b).orElseThrow();
        }
        long fileStart = Long.parseLong(last.getFileName().toString());
        byte[] bytes;
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            bytes = new byte[(int) raf.length()];
            raf.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            byte[] garbage = new byte[512];
            new Random(42).nextBytes(garbage);
            int at = Math.min(end + 1, bytes.length - garbage.length);
            raf.seek(at);
            raf.write(garbage);
            return fileStart + at;
        }
    }

    private static Ack parse(String line) {
        String[] p = line.split(" ");
        return new Ack(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Integer.parseInt(p[4]),
                Integer.parseInt(p[5]), Integer.parseInt(p[6]));
    }

    private Process startChild() throws IOException {
        Set<String> cp = new LinkedHashSet<>();
        cp.add(codeSource(CrashChild.class));
        cp.add(codeSource(MmapMessageStore.class));
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                cp.addAll(Arrays.asList(v.split(File.pathSeparator)));
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, cp), CrashChild.class.getName(), dir.toString(),
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
