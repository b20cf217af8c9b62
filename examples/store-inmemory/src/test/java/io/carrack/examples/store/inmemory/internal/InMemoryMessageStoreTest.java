package io.carrack.examples.store.inmemory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the example promises beyond the conformance kit: its limits, its snapshot and its one setting. */
class InMemoryMessageStoreTest {
    private static final String TOPIC = "T";

    @TempDir
    Path dir;
    private final ControlledClock clock = new ControlledClock();

    private InMemoryMessageStore open(StoreConfig config) {
        return InMemoryMessageStore.open(new StoreContext(config, clock, MessageArrivalListener.NONE));
    }

    private StoreConfig config(Map<String, String> storeProperties) {
        return StoreConfig.defaults(dir).withStoreProperties(storeProperties);
    }

    @Test
    void theBrokersTagsCodeIsKeptAcrossReopenNotRecomputedFromTags() {
        // Delayed messages carry their delivery time as tags code, not the hash of TAGS.
        long deliveryTime = clock.millis() + 10_000;
        InMemoryMessageStore store = open(config(Map.of()));
        store.put(TestMessages.message(TOPIC, 0, "d".getBytes(StandardCharsets.UTF_8), "TagA", null).tagsCode(deliveryTime));
        store.close();

        InMemoryMessageStore reopened = open(config(Map.of()));
        MessageFilter onlyThatCode = new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return tagsCode == deliveryTime;
            }

            @Override
            public boolean matchesMessage(ByteBuffer storedMessage) {
                return true;
            }
        };
        try (GetResult r = reopened.get(TOPIC, 0, 0, 10, onlyThatCode)) {
            assertEquals(GetStatus.FOUND, r.status());
        } finally {
            reopened.close();
        }
    }

    @Test
    void whenMaxBytesIsReachedTheOldestMessagesAreDroppedAndOffsetsCarryOn() {
        int recordSize = StoredMessageCodec.encodedLength(TestMessages.message(TOPIC, 0, "m0"));
        InMemoryMessageStore store = open(config(Map.of("maxBytes", String.valueOf(3 * recordSize))));
        List<PutResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(store.put(TestMessages.message(TOPIC, 0, "m" + i)));
        }
        assertTrue(results.stream().allMatch(r -> r.status() == PutStatus.OK), results.toString());
        assertEquals(2, store.minOffset(TOPIC, 0), "the two oldest were dropped");
        assertEquals(5, store.maxOffset(TOPIC, 0));
        assertTrue(store.read(results.get(1).physicalOffset()).isEmpty());
        assertTrue(store.read(results.get(2).physicalOffset()).isPresent());
        assertEquals(1.0, store.stats().diskUsedRatio(), 1e-9);
        try (GetResult r = store.get(TOPIC, 0, 0, 10, MessageFilter.ALL)) {
            assertEquals(GetStatus.OFFSET_TOO_SMALL, r.status());
            assertEquals(2, r.nextBeginOffset());
        }
        PutResult tooBig = store.put(TestMessages.message(TOPIC, 0, new byte[3 * recordSize], null, null));
        assertEquals(PutStatus.STORE_FULL, tooBig.status());
        store.close();
    }

    @Test
    void syncFlushPutsAreStoredButAnsweredFlushDiskTimeout() {
        InMemoryMessageStore store = open(config(Map.of()).withFlushMode(FlushMode.SYNC_FLUSH));
        PutResult r = store.put(TestMessages.message(TOPIC, 0, "s"));
        assertEquals(PutStatus.FLUSH_DISK_TIMEOUT, r.status());
        assertTrue(r.status().stored());
        assertEquals(1, store.maxOffset(TOPIC, 0));
        store.close();
    }

    @Test
    void theSnapshotIsDeletedOnceLoadedSoACrashStartsEmptyNotStale() {
        Path snapshot = dir.resolve("inmemory/snapshot.bin");
        InMemoryMessageStore first = open(config(Map.of()));
        first.put(TestMessages.message(TOPIC, 0, "before"));
        first.close();
        assertTrue(Files.isRegularFile(snapshot));

        InMemoryMessageStore second = open(config(Map.of()));
        assertFalse(Files.exists(snapshot), "a loaded snapshot is deleted");
        assertEquals(1, second.maxOffset(TOPIC, 0));
        second.put(TestMessages.message(TOPIC, 0, "lost in the crash"));
        // "crash": second is never closed, so no snapshot is written

        InMemoryMessageStore third = open(config(Map.of()));
        assertEquals(0, third.maxOffset(TOPIC, 0), "after a crash the store starts empty");
        third.close();
    }

    @Test
    void aBadMaxBytesFailsOpenNamingTheKey() {
        StoreException e = assertThrows(StoreException.class, () -> open(config(Map.of("maxBytes", "lots"))));
        assertTrue(e.getMessage().contains("store.inmemory.maxBytes=lots"), e.getMessage());
    }

    @Test
    void aFileThatIsNotASnapshotFailsOpenNamingIt() throws Exception {
        Files.createDirectories(dir.resolve("inmemory"));
        Files.write(dir.resolve("inmemory/snapshot.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        StoreException e = assertThrows(StoreException.class, () -> open(config(Map.of())));
        assertTrue(e.getMessage().contains("snapshot.bin"), e.getMessage());
    }

    @Test
    void putsOfRolledBackTransactionsAreReadableByPhysicalOffsetOnlyAndSurviveReopen() {
        InMemoryMessageStore store = open(config(Map.of()));
        BrokerMessage rolledBack = TestMessages.message(TOPIC, 0, "rb")
                .sysFlag(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        long physicalOffset = store.put(rolledBack).physicalOffset();
        store.close();
        InMemoryMessageStore reopened = open(config(Map.of()));
        assertTrue(reopened.read(physicalOffset).isPresent());
        assertEquals(0, reopened.maxOffset(TOPIC, 0));
        reopened.close();
    }
}
