package io.carrack.store.mmap.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.MessageStoreCrashConformance;
import io.carrack.store.mmap.MmapMessageStoreProvider;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The mmap store against the kit's SIGKILL test, with small files so that the child crosses commit-log files.
 * After the kill, garbage is appended to the last commit-log file: recovery must end the log before it.
 */
class SigkillRecoveryTest extends MessageStoreCrashConformance {
    private long garbageAt;

    @Override
    protected MessageStoreProvider provider() {
        return new MmapMessageStoreProvider();
    }

    @Override
    protected StoreConfig config(Path rootDir) {
        return new StoreConfig(rootDir, FlushMode.SYNC_FLUSH, 64 * 1024, 20 * 64, 64 * 1024, 5000, 50, 72, "04", 99,
                Map.of(MmapStoreConfig.INDEX_HASH_SLOTS, "1024", MmapStoreConfig.INDEX_MAX_ENTRIES, "8192",
                        MmapStoreConfig.CHECKPOINT_INTERVAL_MILLIS, "20"));
    }

    @Override
    protected void afterKill(Path rootDir) throws IOException {
        assertTrue(Files.exists(rootDir.resolve("abort")), "a killed store leaves its abort file");
        garbageAt = appendGarbageToLastLogFile(rootDir);
    }

    @Override
    protected void checkRecovered(MessageStore store, Recovery recovery) {
        assertTrue(recovery.logEnd() <= garbageAt, "garbage at " + garbageAt + " is not part of the log ending at "
                + recovery.logEnd());
    }

    /** Writes 512 random bytes just after the last non-zero byte of the last commit-log file; returns where. */
    private static long appendGarbageToLastLogFile(Path rootDir) throws IOException {
        Path last;
        try (Stream<Path> s = Files.list(rootDir.resolve("commitlog"))) {
            last = s.sorted().reduce((a, b) -> b).orElseThrow();
        }
        long fileStart = Long.parseLong(last.getFileName().toString());
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            byte[] bytes = new byte[(int) raf.length()];
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
}
