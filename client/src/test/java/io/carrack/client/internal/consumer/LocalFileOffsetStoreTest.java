package io.carrack.client.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.MessageQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileOffsetStoreTest {
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);

    @TempDir
    Path dir;

    @Test
    void offsetsSurviveAReload() {
        LocalFileOffsetStore store = new LocalFileOffsetStore(dir, "10.0.0.1@1", "CG");
        store.load();
        assertEquals(-1, store.read(Q0, OffsetStore.ReadType.MEMORY_THEN_STORE));
        store.update(Q0, 7, false);
        store.update(Q1, 3, false);
        store.persistAll(Set.of(Q0, Q1));
        assertTrue(Files.isRegularFile(store.file()));

        LocalFileOffsetStore again = new LocalFileOffsetStore(dir, "10.0.0.1@1", "CG");
        again.load();
        assertEquals(Map.of(Q0, 7L, Q1, 3L), again.snapshot());
        assertEquals(7, again.read(Q0, OffsetStore.ReadType.STORE));
    }

    @Test
    void increaseOnlyIgnoresSmallerValues() {
        LocalFileOffsetStore store = new LocalFileOffsetStore(dir, "c", "CG");
        store.update(Q0, 10, false);
        store.update(Q0, 4, true);
        assertEquals(10, store.read(Q0, OffsetStore.ReadType.MEMORY));
        store.update(Q0, 4, false);
        assertEquals(4, store.read(Q0, OffsetStore.ReadType.MEMORY));
    }

    @Test
    void theBackupIsReadWhenTheMainFileIsDamaged() throws Exception {
        LocalFileOffsetStore store = new LocalFileOffsetStore(dir, "c", "CG");
        store.update(Q0, 1, false);
        store.persistAll(Set.of(Q0));
        store.update(Q0, 2, false);
        store.persistAll(Set.of(Q0));
        Files.writeString(store.file(), "{not json");
        LocalFileOffsetStore again = new LocalFileOffsetStore(dir, "c", "CG");
        again.load();
        assertEquals(1, again.read(Q0, OffsetStore.ReadType.MEMORY));
    }

    @Test
    void groupsAndClientsHaveTheirOwnFiles() {
        LocalFileOffsetStore a = new LocalFileOffsetStore(dir, "c1", "CG");
        LocalFileOffsetStore b = new LocalFileOffsetStore(dir, "c2", "CG");
        a.update(Q0, 5, false);
        a.persistAll(Set.of(Q0));
        b.load();
        assertEquals(-1, b.read(Q0, OffsetStore.ReadType.MEMORY_THEN_STORE));
    }
}
