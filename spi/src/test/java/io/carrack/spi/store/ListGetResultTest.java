package io.carrack.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListGetResultTest {

    @Test
    void holdsWhatItWasGivenAndCountsTheBytes() {
        List<ByteBuffer> records = new ArrayList<>(List.of(ByteBuffer.allocate(3), ByteBuffer.allocate(5)));
        List<Long> offsets = new ArrayList<>(List.of(7L, 9L));
        ListGetResult r = ListGetResult.of(GetStatus.FOUND, 10, 2, 12, records, offsets);
        assertEquals(GetStatus.FOUND, r.status());
        assertEquals(10, r.nextBeginOffset());
        assertEquals(2, r.minOffset());
        assertEquals(12, r.maxOffset());
        assertEquals(List.of(7L, 9L), r.queueOffsets());
        assertEquals(2, r.messages().size());
        assertEquals(8, r.totalBytes());
        assertThrows(UnsupportedOperationException.class, () -> r.messages().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.queueOffsets().add(1L));
        r.close();
    }

    @Test
    void runsTheReleaseActionOnceOnClose() {
        AtomicInteger released = new AtomicInteger();
        ListGetResult r = ListGetResult.of(GetStatus.FOUND, 1, 0, 1, List.of(ByteBuffer.allocate(1)), List.of(0L),
                released::incrementAndGet);
        assertEquals(0, released.get());
        r.close();
        r.close();
        assertEquals(1, released.get());
    }

    @Test
    void emptyHasNoRecords() {
        ListGetResult r = ListGetResult.empty(GetStatus.OFFSET_TOO_SMALL, 4, 4, 9);
        assertTrue(r.messages().isEmpty());
        assertTrue(r.queueOffsets().isEmpty());
        assertEquals(0, r.totalBytes());
        assertEquals(4, r.nextBeginOffset());
        r.close();
    }

    @Test
    void refusesRecordsAndOffsetsOfDifferentCounts() {
        assertThrows(IllegalArgumentException.class,
                () -> ListGetResult.of(GetStatus.FOUND, 1, 0, 1, List.of(ByteBuffer.allocate(1)), List.of()));
    }
}
