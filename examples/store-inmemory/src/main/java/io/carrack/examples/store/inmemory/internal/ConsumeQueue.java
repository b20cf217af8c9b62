package io.carrack.examples.store.inmemory.internal;

import io.carrack.spi.store.StoreException;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The entries of one (topic, queue) by queue offset. Offsets are contiguous: entries are appended at
 * {@link #maxOffset()} and removed only from the oldest end, so the queue always holds exactly
 * {@code [minOffset, maxOffset)}.
 *
 * <p>Thread safety: not thread-safe; the store guards it with its lock.
 */
final class ConsumeQueue {
    private final NavigableMap<Long, StoredEntry> entries = new TreeMap<>();
    // Kept separately from the entries so that a queue emptied by retention keeps counting from where it
    // was: consumers' offsets must never go backwards.
    private long maxOffset;

    ConsumeQueue(long maxOffset) {
        this.maxOffset = maxOffset;
    }

    long minOffset() {
        return entries.isEmpty() ? maxOffset : entries.firstKey();
    }

    long maxOffset() {
        return maxOffset;
    }

    /** Adds a new entry, which must carry the next offset. */
    void append(StoredEntry entry) {
        if (entry.queueOffset() != maxOffset) {
            throw new StoreException("queue " + entry.topic() + "/" + entry.queueId() + " expects offset "
                    + maxOffset + ", got " + entry.queueOffset());
        }
        entries.put(maxOffset++, entry);
    }

    /** Puts back an entry read from a snapshot (the max offset came from the snapshot too). */
    void restore(StoredEntry entry) {
        entries.put(entry.queueOffset(), entry);
    }

    /** Removes the oldest entry; retention calls it for the oldest record of the whole store. */
    void removeOldest() {
        entries.pollFirstEntry();
    }

    /** The entry at an offset, or null. */
    StoredEntry at(long offset) {
        return entries.get(offset);
    }

    /** The entries from an offset on, in offset order (a live view). */
    Collection<StoredEntry> from(long offset) {
        return entries.tailMap(offset, true).values();
    }

    /** All entries, in offset order (a live view). */
    Collection<StoredEntry> all() {
        return entries.values();
    }
}
