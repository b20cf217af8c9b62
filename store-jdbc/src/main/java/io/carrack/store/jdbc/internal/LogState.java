package io.carrack.store.jdbc.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The store-wide positions: where the log starts (after retention) and ends (committed), the newest committed
 * record, and counters. Physical offsets are the cumulative byte positions of records: a record at offset
 * {@code p} of {@code n} bytes is followed by one at {@code p + n}.
 *
 * <p>Thread safety: the volatile fields are published by the writer thread after commit (the next-offset fields by
 * the {@link OffsetAssigner}) and read by any thread; {@link #awaitCommitted} may be called from any thread.
 */
final class LogState {
    /** How long a reader waits for accepted puts to commit; in waits of {@link #WAIT_STEP_MILLIS}. */
    private static final int MAX_WAIT_STEPS = 1000;
    private static final long WAIT_STEP_MILLIS = 10;

    private final Object commits = new Object();
    private int waiters;

    /** First physical offset still stored. */
    volatile long minPhysicalOffset;
    /** One past the last committed byte. */
    volatile long maxPhysicalOffset;
    /** Store time of the newest committed record, or 0. */
    volatile long lastStoreTime;
    /** Physical offset of the newest committed record, or 0. */
    volatile long lastPhysicalOffset;
    /** The physical offset assigned next (written under the assigner's lock, read by any thread). */
    volatile long nextPhysicalOffset;
    /** The key the next new queue gets (under the assigner's lock). */
    long nextQueueKey;

    final LongAdder putMessages = new LongAdder();
    final LongAdder putBytes = new LongAdder();
    final LongAdder getMessages = new LongAdder();

    /**
     * Waits (up to about 10 s) until every byte below {@code end} is committed, or the log ends before it; for
     * reads right after an ASYNC_FLUSH put, which is acknowledged before its transaction commits.
     */
    void awaitCommitted(long end) {
        if (maxPhysicalOffset >= end || nextPhysicalOffset < end) {
            return;
        }
        boolean interrupted = false;
        synchronized (commits) {
            waiters++;
            try {
                for (int i = 0; i < MAX_WAIT_STEPS && maxPhysicalOffset < end; i++) {
                    try {
                        commits.wait(WAIT_STEP_MILLIS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                }
            } finally {
                waiters--;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes the committed end and wakes readers waiting for it. Writer thread only. */
    void committed(long end) {
        maxPhysicalOffset = end;
        synchronized (commits) {
            if (waiters > 0) {
                commits.notifyAll();
            }
        }
    }
}
