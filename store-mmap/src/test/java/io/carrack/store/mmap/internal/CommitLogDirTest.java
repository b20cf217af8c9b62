package io.carrack.store.mmap.internal;

import static io.carrack.spi.tck.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RocketMQ's storePathCommitLog puts the commit log outside storePathRootDir, and a reopen finds it there. */
class CommitLogDirTest {
    @TempDir
    Path dir;

    @Test
    void commitLogGoesWhereStorePathCommitLogSays() throws IOException {
        Path elsewhere = dir.resolve("fast-disk/commitlog");
        StoreConfig config = MmapTestSupport.config(dir.resolve("root"), 4096)
                .withStoreProperties(Map.of(MmapStoreConfig.STORE_PATH_COMMIT_LOG, elsewhere.toString()));
        ControlledClock clock = new ControlledClock();
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            store.start();
            assertEquals(PutStatus.OK, store.put(message("Dir", 0, TestMessages.patternBody(100, 1), null, null))
                    .status());
        }
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertTrue(files.findAny().isPresent(), "commit-log files under " + elsewhere);
        }
        assertFalse(Files.exists(dir.resolve("root/commitlog")), "nothing under the root's commitlog");
        try (MmapMessageStore store = MmapMessageStore.open(MmapTestSupport.context(config, clock))) {
            assertEquals(1, store.maxOffset("Dir", 0), "the reopened store reads the moved commit log");
        }
    }
}
