package io.carrack.store.mmap.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageDescriptor;
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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roll-over of small commit-log and consume-queue files, the blank filler, and batches at file ends. */
class CommitLogFilesTest {
    private static final int LOG_FILE = 4096;

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    @Test
    void recordsNeverSpanFilesAndEachFileEndsWithABlankFiller() throws IOException {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        List<PutResult> results = new ArrayList<>();
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            for (int i = 0; i < 60; i++) {
                PutResult r = store.put(message("Roll", 0, TestMessages.patternBody(300 + i, i), null, null));
                assertEquals(PutStatus.OK, r.status());
                long start = r.physicalOffset();
                long end = start + r.wroteBytes();
                assertEquals(start / LOG_FILE, (end - 1) / LOG_FILE, "record " + i + " spans two files");
                results.add(r);
            }
            Await.until("dispatch", () -> store.maxOffset("Roll", 0) == 60);
            try (GetResult g = store.get("Roll", 0, 0, 100, MessageFilter.ALL)) {
                assertEquals(60, g.messages().size());
                for (int i = 0; i < 60; i++) {
                    StoredMessage m = TestMessages.decode(g.messages().get(i));
                    assertEquals(results.get(i).physicalOffset(), m.physicalOffset());
                    assertEquals(300 + i, m.body().length);
                }
            }
        }
        List<Path> files = logFiles();
        assertTrue(files.size() >= 5, "expected several files, got " + files);
        for (int f = 0; f < files.size() - 1; f++) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(files.get(f)));
            assertEquals(LOG_FILE, b.capacity());
            int pos = 0;
            while (b.getInt(pos + StoredMessageDescriptor.MAGIC_OFFSET) == StoredMessageDescriptor.MESSAGE_MAGIC) {
                pos += b.getInt(pos);
            }
            assertEquals(StoredMessageDescriptor.BLANK_MAGIC, b.getInt(pos + StoredMessageDescriptor.MAGIC_OFFSET),
                    "file " + files.get(f) + " ends with a blank filler at " + pos);
            assertEquals(LOG_FILE - pos, b.getInt(pos), "the filler runs to the end of the file");
            assertEquals(Long.parseLong(files.get(f).getFileName().toString()), (long) f * LOG_FILE);
        }
    }

    @Test
    void batchThatDoesNotFitMovesWholeToTheNextFile() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            PutResult first = store.put(message("Batch", 0, new byte[2500], null, null));
            List<io.carrack.common.message.BrokerMessage> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(message("Batch", 0, new byte[200], null, null));
            }
            PutResult r = store.putBatch(batch);
            assertEquals(PutStatus.OK, r.status());
            assertEquals(LOG_FILE, r.physicalOffset(), "the batch starts the next file");
            assertEquals(1, r.queueOffset());
            assertEquals(5, r.messageCount());
            assertTrue(first.physicalOffset() < LOG_FILE);
            PutResult tooBig = store.putBatch(List.of(message("Batch", 0, new byte[3000], null, null),
                    message("Batch", 0, new byte[3000], null, null)));
            assertEquals(PutStatus.MESSAGE_ILLEGAL, tooBig.status(), "a batch larger than a file");
            assertEquals(6, store.put(message("Batch", 0, "after")).queueOffset());
            Await.until("dispatch", () -> store.maxOffset("Batch", 0) == 7);
        }
    }

    @Test
    void messageLargerThanAFileIsRefused() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            assertEquals(PutStatus.MESSAGE_ILLEGAL, store.put(message("Big", 0, new byte[5000], null, null)).status());
            assertEquals(0, store.put(message("Big", 0, "small")).queueOffset());
        }
    }

    @Test
    void consumeQueuesRollOverAndSurviveReopen() {
        StoreConfig config = MmapTestSupport.config(dir, 64 * 1024, 20 * 7, java.util.Map.of());
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            for (int i = 0; i < 50; i++) {
                store.put(message("Cq", 3, "m" + i));
            }
            Await.until("dispatch", () -> store.maxOffset("Cq", 3) == 50);
        }
        try (Stream<Path> s = Files.list(dir.resolve("consumequeue/Cq/3"))) {
            assertEquals(8, s.count(), "50 entries in files of 7");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            assertEquals(50, store.maxOffset("Cq", 3));
            try (GetResult g = store.get("Cq", 3, 13, 10, MessageFilter.ALL)) {
                assertEquals(GetStatus.FOUND, g.status());
                assertEquals(10, g.messages().size());
                assertEquals("m13", TestMessages.bodyText(g.messages().get(0)));
                assertEquals(23, g.nextBeginOffset());
            }
            assertEquals(50, store.put(message("Cq", 3, "m50")).queueOffset());
        }
    }

    @Test
    void getResultKeepsItsFileMappedUntilClosed() {
        StoreConfig config = MmapTestSupport.config(dir, LOG_FILE);
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            for (int i = 0; i < 30; i++) {
                store.put(message("Hold", 0, TestMessages.patternBody(500, i), null, null));
            }
            Await.until("dispatch", () -> store.maxOffset("Hold", 0) == 30);
            GetResult g = store.get("Hold", 0, 0, 1, MessageFilter.ALL);
            MappedFile first = store.logForTests().files().first();
            clock.advance(java.time.Duration.ofHours(100));
            store.put(message("Hold", 0, "new"));
            assertTrue(store.applyRetention(true) > 0, "old files removed");
            assertFalse(first.isReleased(), "a held file is not unmapped");
            assertEquals(TestMessages.patternBody(500, 0).length, TestMessages.decode(g.messages().get(0)).body().length);
            g.close();
            assertTrue(first.isReleased(), "released after the last reader closed");
            assertFalse(Files.exists(first.path()), "file deleted");
        }
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
            return s.sorted().toList();
        }
    }
}
