package io.carrack.store.mmap.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.Await;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery after simulated crashes: the store is closed cleanly, then the files are put in the state a
 * crash leaves (abort file present, checkpoint behind or missing, torn or garbage tail) before reopening.
 */
class RecoveryTest {
    private static final int LOG_FILE = 16 * 1024;

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    @Test
    void garbageAfterTheLastRecordIsTruncatedAndNeverServed() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        List<PutResult> puts = fill(config, 40);
        PutResult last = puts.get(puts.size() - 1);
        long end = last.physicalOffset() + last.wroteBytes();
        byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        writeAt(end, garbage);
        simulateCrash(null);

        try (MmapMessageStore store = open(config)) {
            assertEquals(40, store.maxOffset("R", 0) + store.maxOffset("R", 1));
            assertTrue(store.read(end).isEmpty(), "garbage is not a record");
            PutResult next = store.put(message("R", 0, "next"));
            assertEquals(end, next.physicalOffset(), "the log continues right after the last intact record");
            Await.until("dispatch", () -> store.maxOffset("R", 0) == 21);
            assertEquals("next", TestMessages.bodyText(store.read(end).orElseThrow()));
        }
        byte[] after = readAt(end + 200, 100);
        assertArrayEquals(new byte[100], after, "the rest of the garbage was zeroed");
    }

    @Test
    void tornLastRecordIsDroppedAndEarlierOnesKept() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        List<PutResult> puts = fill(config, 30);
        PutResult last = puts.get(puts.size() - 1);
        // A write cut short by a crash: the last bytes of the record never reached the file.
        writeAt(last.physicalOffset() + last.wroteBytes() - 10, new byte[10]);
        simulateCrash(new Checkpoint.State(puts.get(20).physicalOffset(), puts.get(20).physicalOffset(), 0));

        try (MmapMessageStore store = open(config)) {
            assertEquals(29, store.maxOffset("R", 0) + store.maxOffset("R", 1));
            assertTrue(store.read(last.physicalOffset()).isEmpty());
            PutResult next = store.put(message("R", 1, "again"));
            assertEquals(last.physicalOffset(), next.physicalOffset());
            for (PutResult r : puts.subList(0, 29)) {
                assertTrue(store.read(r.physicalOffset()).isPresent());
            }
        }
    }

    @Test
    void consumeQueuesAreRebuiltFromTheLogWithoutCheckpoint() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        List<PutResult> puts = fill(config, 120);
        deleteTree(dir.resolve("consumequeue"));
        deleteTree(dir.resolve("index"));
        simulateCrash(null);
        Files.delete(dir.resolve("checkpoint"));

        try (MmapMessageStore store = open(config)) {
            assertEquals(60, store.maxOffset("R", 0));
            assertEquals(60, store.maxOffset("R", 1));
            List<StoredMessage> q0 = readAll(store, 0);
            for (int i = 0; i < 60; i++) {
                assertEquals(i, q0.get(i).queueOffset());
                assertEquals(puts.get(i * 2).physicalOffset(), q0.get(i).physicalOffset());
            }
            assertEquals(1, store.queryByKey("R", "key7", 10, 0, Long.MAX_VALUE).messages().size(),
                    "index rebuilt");
            assertEquals(60, store.put(message("R", 0, "more")).queueOffset());
        }
    }

    @Test
    void checkpointInTheMiddleRedispatchesOnlyTheTail() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        List<PutResult> puts = fill(config, 100);
        long middle = puts.get(50).physicalOffset();
        simulateCrash(new Checkpoint.State(middle, middle, clock.millis()));

        try (MmapMessageStore store = open(config)) {
            assertEquals(50, store.maxOffset("R", 0));
            assertEquals(50, store.maxOffset("R", 1));
            List<StoredMessage> q1 = readAll(store, 1);
            for (int i = 0; i < 50; i++) {
                assertEquals(puts.get(i * 2 + 1).physicalOffset(), q1.get(i).physicalOffset());
            }
            assertEquals(1, store.queryByKey("R", "key99", 10, 0, Long.MAX_VALUE).messages().size());
            assertEquals(1, store.queryByKey("R", "key3", 10, 0, Long.MAX_VALUE).messages().size(),
                    "re-dispatch does not duplicate index hits");
        }
    }

    @Test
    void batchCutBeforeItsLastRecordDisappearsWhole() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        PutResult single;
        PutResult batch;
        try (MmapMessageStore store = open(config)) {
            single = store.put(message("B", 0, "single"));
            List<BrokerMessage> list = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                list.add(message("B", 0, "b" + i));
            }
            batch = store.putBatch(list);
        }
        // A crash before the batch's last record was written leaves the first record's magic at 0.
        writeAt(batch.physicalOffset() + StoredMessageDescriptor.MAGIC_OFFSET, new byte[4]);
        simulateCrash(new Checkpoint.State(0, 0, clock.millis()));
        try (MmapMessageStore store = open(config)) {
            assertEquals(1, store.maxOffset("B", 0));
            assertEquals(batch.physicalOffset(), store.put(message("B", 0, "next")).physicalOffset());
            assertTrue(single.status().stored());
        }
    }

    private List<PutResult> fill(StoreConfig config, int n) {
        List<PutResult> puts = new ArrayList<>();
        try (MmapMessageStore store = open(config)) {
            for (int i = 0; i < n; i++) {
                puts.add(store.put(message("R", i % 2, TestMessages.patternBody(200 + i, i), "T" + (i % 3),
                        "key" + i)));
            }
            Await.until("dispatch", () -> store.maxOffset("R", 0) + store.maxOffset("R", 1) == n);
        }
        return puts;
    }

    private MmapMessageStore open(StoreConfig config) {
        MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock));
        store.start();
        return store;
    }

    private List<StoredMessage> readAll(MmapMessageStore store, int queueId) {
        List<StoredMessage> list = new ArrayList<>();
        long offset = 0;
        for (int guard = 0; guard < 100 && offset < store.maxOffset("R", queueId); guard++) {
            try (GetResult g = store.get("R", queueId, offset, 32, MessageFilter.ALL)) {
                g.messages().forEach(b -> list.add(TestMessages.decode(b)));
                offset = g.nextBeginOffset();
            }
        }
        return list;
    }

    /** Leaves the files as a crash would: abort file present and, if given, an older checkpoint. */
    private void simulateCrash(Checkpoint.State checkpoint) throws IOException {
        Files.writeString(dir.resolve("abort"), "crashed");
        if (checkpoint != null) {
            try (Checkpoint c = new Checkpoint(dir.resolve("checkpoint"))) {
                c.write(checkpoint);
            }
        }
    }

    private void writeAt(long physicalOffset, byte[] bytes) throws IOException {
        Path file = dir.resolve("commitlog").resolve(MappedFileQueue.fileName(physicalOffset / LOG_FILE * LOG_FILE));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(physicalOffset % LOG_FILE);
            raf.write(bytes);
        }
    }

    private byte[] readAt(long physicalOffset, int length) throws IOException {
        Path file = dir.resolve("commitlog").resolve(MappedFileQueue.fileName(physicalOffset / LOG_FILE * LOG_FILE));
        byte[] b = new byte[length];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(physicalOffset % LOG_FILE);
            raf.readFully(b);
        }
        return b;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
