package io.carrack.store.jdbc.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The store-wide positions: where the log starts (after retention) and ends (committed), the newest committed
 * record, and counters. Physical offsets are the cumulative byte positions of records: a record at offset
 * {@code p} of {@code n} bytes is followed by one at {@code p + n}.
 *
 * <p>Thread safety: the volatile fields are published by the writer thread after commit and read by any
 * thread; {@link #nextPhysicalOffset} and {@link #nextQueueKey} belong to the writer thread alone.
 */
final class LogState {
    /** First physical offset still stored. */
    volatile long minPhysicalOffset;
    /** One past the last committed byte. */
    volatile long maxPhysicalOffset;
    /** Store time of the newest committed record, or 0. */
    volatile long lastStoreTime;
    /** Physical offset of the newest committed record, or 0. */
    volatile long lastPhysicalOffset;
    /** The physical offset the writer assigns next (writer thread only). */
    long nextPhysicalOffset;
    /** The key the writer gives the next new queue (writer thread only). */
    long nextQueueKey;

    final LongAdder putMessages = new LongAdder();
    final LongAdder putBytes = new LongAdder();
    final LongAdder getMessages = new LongAdder();
}
