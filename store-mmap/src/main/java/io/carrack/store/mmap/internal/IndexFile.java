package io.carrack.store.mmap.internal;

import static io.carrack.store.mmap.internal.IndexDescriptor.*;

import io.carrack.spi.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One index file ({@link IndexDescriptor}).
 *
 * <p>Thread safety: the dispatch thread adds entries, query threads walk chains; both under a private
 * lock (queries are rare and short).
 */
final class IndexFile {
    private final Object lock = new Object();
    private final MappedFile file;
    private final int slotCount;
    private final int maxEntries;
    private int entryCount;
    private volatile int flushedCount = -1;
    private long beginTimestamp;
    private long endTimestamp;
    private long beginPhyOffset;
    private long endPhyOffset;

    private IndexFile(MappedFile file, int slotCount, int maxEntries) {
        this.file = file;
        this.slotCount = slotCount;
        this.maxEntries = maxEntries;
    }

    /** Creates a new, empty index file. */
    static IndexFile create(Path path, int slotCount, int maxEntries) {
        long size = fileSize(slotCount, maxEntries);
        if (size > Integer.MAX_VALUE) {
            throw new StoreException("index file of " + slotCount + " slots and " + maxEntries
                    + " entries would exceed 2 GiB; lower store.mmap.indexHashSlots or indexMaxEntries");
        }
        MappedFile f = MappedFile.open(path, 0, (int) size);
        ByteBuffer w = f.writeView();
        w.putInt(MAGIC_OFFSET, MAGIC);
        w.putInt(VERSION_OFFSET, VERSION);
        w.putInt(SLOT_COUNT_OFFSET, slotCount);
        w.putInt(MAX_ENTRIES_OFFSET, maxEntries);
        f.resetPositions(0);
        return new IndexFile(f, slotCount, maxEntries);
    }

    /** Maps an existing index file, finding entries written after the last header update. */
    static IndexFile load(Path path, long size) {
        if (size < HEADER_LENGTH || size > Integer.MAX_VALUE) {
            throw new StoreException("index file " + path + " has a bad size " + size);
        }
        MappedFile f = MappedFile.open(path, 0, (int) size);
        if (f.getInt(MAGIC_OFFSET) != MAGIC || f.getInt(VERSION_OFFSET) != VERSION) {
            f.close();
            return null;
        }
        IndexFile index = new IndexFile(f, f.getInt(SLOT_COUNT_OFFSET), f.getInt(MAX_ENTRIES_OFFSET));
        if (fileSize(index.slotCount, index.maxEntries) != size) {
            f.close();
            return null;
        }
        index.entryCount = Math.max(0, Math.min(f.getInt(ENTRY_COUNT_OFFSET), index.maxEntries));
        while (index.entryCount < index.maxEntries) {
            int p = entryPosition(index.slotCount, index.entryCount + 1);
            if (f.getLong(p + ENTRY_PHY_OFFSET_OFFSET) == 0 && f.getInt(p + ENTRY_KEY_HASH_OFFSET) == 0) {
                break;
            }
            index.entryCount++;
        }
        index.beginTimestamp = f.getLong(BEGIN_TIMESTAMP_OFFSET);
        index.endTimestamp = f.getLong(END_TIMESTAMP_OFFSET);
        index.beginPhyOffset = f.getLong(BEGIN_PHY_OFFSET_OFFSET);
        index.endPhyOffset = f.getLong(END_PHY_OFFSET_OFFSET);
        for (int n = f.getInt(ENTRY_COUNT_OFFSET) + 1; n <= index.entryCount; n++) {
            int p = entryPosition(index.slotCount, n);
            index.endTimestamp = Math.max(index.endTimestamp, f.getLong(p + ENTRY_TIMESTAMP_OFFSET));
            index.endPhyOffset = Math.max(index.endPhyOffset, f.getLong(p + ENTRY_PHY_OFFSET_OFFSET));
        }
        return index;
    }

    boolean isFull() {
        synchronized (lock) {
            return entryCount >= maxEntries;
        }
    }

    /** Adds an entry; false if the file is full. */
    boolean put(int keyHash, long phyOffset, long storeTimestamp) {
        synchronized (lock) {
            if (entryCount >= maxEntries) {
                return false;
            }
            ByteBuffer w = file.writeView();
            int slotPos = slotPosition(keyHash % slotCount);
            int head = w.getInt(slotPos);
            int n = entryCount + 1;
            int p = entryPosition(slotCount, n);
            w.putInt(p + ENTRY_KEY_HASH_OFFSET, keyHash);
            w.putLong(p + ENTRY_PHY_OFFSET_OFFSET, phyOffset);
            w.putLong(p + ENTRY_TIMESTAMP_OFFSET, storeTimestamp);
            w.putInt(p + ENTRY_PREV_OFFSET, head > 0 && head < n ? head : 0);
            w.putInt(slotPos, n);
            entryCount = n;
            if (n == 1) {
                beginTimestamp = storeTimestamp;
                beginPhyOffset = phyOffset;
                w.putLong(BEGIN_TIMESTAMP_OFFSET, storeTimestamp);
                w.putLong(BEGIN_PHY_OFFSET_OFFSET, phyOffset);
            }
            endTimestamp = Math.max(endTimestamp, storeTimestamp);
            endPhyOffset = Math.max(endPhyOffset, phyOffset);
            w.putLong(END_TIMESTAMP_OFFSET, endTimestamp);
            w.putLong(END_PHY_OFFSET_OFFSET, endPhyOffset);
            w.putInt(ENTRY_COUNT_OFFSET, n);
            file.wrotePosition(Math.min(file.fileSize(), p + ENTRY_LENGTH));
            return true;
        }
    }

    /**
     * Adds to {@code out} the commit-log offsets indexed under {@code keyHash} with store time in
     * {@code [begin, end]}, newest first, until {@code out} holds {@code limit}.
     */
    void find(int keyHash, long begin, long end, List<Long> out, int limit) {
        synchronized (lock) {
            if (entryCount == 0 || endTimestamp < begin || beginTimestamp > end) {
                return;
            }
            int n = file.getInt(slotPosition(keyHash % slotCount));
            for (int steps = 0; n > 0 && n <= entryCount && steps < maxEntries && out.size() < limit; steps++) {
                int p = entryPosition(slotCount, n);
                long ts = file.getLong(p + ENTRY_TIMESTAMP_OFFSET);
                if (file.getInt(p + ENTRY_KEY_HASH_OFFSET) == keyHash && ts >= begin && ts <= end) {
                    out.add(file.getLong(p + ENTRY_PHY_OFFSET_OFFSET));
                }
                int prev = file.getInt(p + ENTRY_PREV_OFFSET);
                if (prev >= n) {
                    break;
                }
                n = prev;
            }
        }
    }

    long endTimestamp() {
        synchronized (lock) {
            return endTimestamp;
        }
    }

    long endPhyOffset() {
        synchronized (lock) {
            return endPhyOffset;
        }
    }

    int entryCount() {
        synchronized (lock) {
            return entryCount;
        }
    }

    /** Forces the file to disk if entries were added since the last flush. */
    void flush() {
        int count;
        synchronized (lock) {
            count = entryCount;
        }
        if (count != flushedCount) {
            file.forceAll();
            flushedCount = count;
        }
    }

    Path path() {
        return file.path();
    }

    void close() {
        file.close();
    }

    void destroy() {
        file.destroy();
    }
}
