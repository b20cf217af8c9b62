package io.carrack.store.mmap.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.Await;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by age and by disk use, and puts refused on a full disk. */
class RetentionAndDiskTest {
    private static final int LOG_FILE = 8 * 1024;

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();
    private final FakeDisk disk = new FakeDisk();

    @Test
    void expiredFilesAreRemovedAndQueuesStartAfterThem() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE, 20 * 10, Map.of());
        try (MmapMessageStore store = open(config)) {
            for (int i = 0; i < 40; i++) {
                store.put(message("Old", 0, TestMessages.patternBody(700, i), null, "old" + i));
            }
            clock.advance(Duration.ofHours(71));
            assertEquals(0, store.applyRetention(true), "nothing is older than 72 h yet");
            clock.advance(Duration.ofHours(2));
            for (int i = 0; i < 5; i++) {
                store.put(message("Old", 0, "new" + i));
            }
            Await.until("dispatch", () -> store.maxOffset("Old", 0) == 45);
            long removed = store.applyRetention(true);
            assertTrue(removed >= LOG_FILE * 3L, "removed " + removed);
            long min = store.minOffset("Old", 0);
            assertTrue(min > 0 && min <= 40, "min offset " + min);
            assertEquals(store.stats().minPhysicalOffset(), removed, "log starts after the removed files");
            try (GetResult g = store.get("Old", 0, 0, 10, MessageFilter.ALL)) {
                assertEquals(GetStatus.OFFSET_TOO_SMALL, g.status());
                assertEquals(min, g.nextBeginOffset());
            }
            try (GetResult g = store.get("Old", 0, min, 100, MessageFilter.ALL)) {
                assertEquals(45 - min, g.messages().size());
                assertEquals(min, TestMessages.decode(g.messages().get(0)).queueOffset());
            }
            assertTrue(store.queryByKey("Old", "old0", 10, 0, Long.MAX_VALUE).messages().isEmpty());
            assertTrue(store.read(0).isEmpty());
            try (Stream<Path> s = Files.list(dir.resolve("consumequeue/Old/0"))) {
                assertTrue(s.count() < 5, "consume-queue files below the minimum are removed");
            }
        }
        try (MmapMessageStore store = open(config)) {
            assertTrue(store.minOffset("Old", 0) > 0, "min offset after reopen");
            assertEquals(45, store.maxOffset("Old", 0));
        }
    }

    @Test
    void diskOverTheUsedSpaceRatioRemovesOldestFilesEvenIfRecent() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        try (MmapMessageStore store = open(config)) {
            for (int i = 0; i < 40; i++) {
                store.put(message("D", 0, TestMessages.patternBody(700, i), null, null));
            }
            Await.until("dispatch", () -> store.maxOffset("D", 0) == 40);
            assertEquals(0, store.applyRetention(false));
            disk.ratio = 0.995;
            assertTrue(store.applyRetention(false) > 0, "disk over 99% removes the oldest files");
            assertTrue(store.minOffset("D", 0) > 0);
        }
    }

    @Test
    void fullDiskRefusesPutsAndCorruptsNothing() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE, 2000, Map.of(MmapStoreConfig.DISK_FULL_RATIO, "90"));
        try (MmapMessageStore store = open(config)) {
            PutResult first = store.put(message("F", 0, "before"));
            assertEquals(PutStatus.OK, first.status());
            disk.ratio = 0.93;
            store.checkDisk();
            PutResult refused = store.put(message("F", 0, "refused"));
            assertEquals(PutStatus.STORE_FULL, refused.status());
            assertEquals(PutStatus.STORE_FULL, store.putBatch(java.util.List.of(message("F", 0, "x"))).status());
            disk.ratio = 0.5;
            store.checkDisk();
            PutResult after = store.put(message("F", 0, "after"));
            assertEquals(1, after.queueOffset());
            assertEquals(first.physicalOffset() + first.wroteBytes(), after.physicalOffset());
            Await.until("dispatch", () -> store.maxOffset("F", 0) == 2);
        }
    }

    @Test
    void noRoomForTheNextFileRefusesPuts() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        try (MmapMessageStore store = open(config)) {
            int ok = 0;
            for (int i = 0; i < 20; i++) {
                PutResult r = store.put(message("N", 0, TestMessages.patternBody(1000, i), null, null));
                disk.usable = 1000;
                if (r.status() == PutStatus.OK) {
                    ok++;
                } else {
                    assertEquals(PutStatus.STORE_FULL, r.status());
                }
            }
            assertTrue(ok >= 7 && ok < 20, "puts until the first file is full: " + ok);
            int acknowledged = ok;
            Await.until("dispatch", () -> store.maxOffset("N", 0) == acknowledged);
        }
    }

    private MmapMessageStore open(StoreConfig config) {
        MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock), disk);
        store.start();
        return store;
    }

    /** A disk whose use the test sets. */
    static final class FakeDisk implements DiskUsage {
        volatile double ratio = 0.2;
        volatile long usable = Long.MAX_VALUE / 4;

        @Override
        public double usedRatio() {
            return ratio;
        }

        @Override
        public long usableBytes() {
            return usable;
        }
    }
}
