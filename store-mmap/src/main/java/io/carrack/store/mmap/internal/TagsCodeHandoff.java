package io.carrack.store.mmap.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Hands the broker's tags code of each appended record from the put path to the dispatch thread,
 * which otherwise sees only the stored bytes (the layout has no tags-code field). Slots are indexed by
 * physical offset / 64 (records are longer than 64 bytes, so recent records never share a slot); a
 * record whose slot was reused, or any record after a restart, falls back to {@link TagsCodes#compute}.
 *
 * <p>Thread safety: one writer (under the put lock) and one reader; a sequence-lock style check makes
 * the reader see either the right value or a miss.
 */
final class TagsCodeHandoff {
    private static final int SLOTS = 1 << 18;
    private static final int MASK = SLOTS - 1;

    private final AtomicLongArray offsets = new AtomicLongArray(SLOTS);
    private final long[] codes = new long[SLOTS];

    TagsCodeHandoff() {
        for (int i = 0; i < SLOTS; i++) {
            offsets.lazySet(i, -1);
        }
    }

    /** Records the tags code of the record at {@code physicalOffset}. Writer only. */
    void offer(long physicalOffset, long tagsCode) {
        int i = slot(physicalOffset);
        offsets.lazySet(i, -1);
        VarHandle.storeStoreFence();
        codes[i] = tagsCode;
        offsets.setRelease(i, physicalOffset);
    }

    /** Whether a code for the record is present; the code is then in {@code out[0]}. */
    boolean poll(long physicalOffset, long[] out) {
        int i = slot(physicalOffset);
        if (offsets.getAcquire(i) != physicalOffset) {
            return false;
        }
        long code = codes[i];
        VarHandle.loadLoadFence();
        if (offsets.get(i) != physicalOffset) {
            return false;
        }
        out[0] = code;
        return true;
    }

    private static int slot(long physicalOffset) {
        return (int) ((physicalOffset >>> 6) & MASK);
    }
}
