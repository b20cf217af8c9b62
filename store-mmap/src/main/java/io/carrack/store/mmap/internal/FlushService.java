package io.carrack.store.mmap.internal;

import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.spi.store.FlushMode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forces the commit log to disk ({@code carrack-store-mmap-flush}). With {@link FlushMode#SYNC_FLUSH} it is a
 * group commit: putters wake it and wait until their bytes are forced, and one force serves every putter
 * waiting at that time. With {@link FlushMode#ASYNC_FLUSH} it forces every {@code flushIntervalMillis}.
 *
 * <p>Thread safety: {@link #awaitFlushed} may be called from any thread.
 */
final class FlushService extends ServiceThread {
    private static final long SYNC_IDLE_MILLIS = 10;

    private final CommitLog log;
    private final boolean sync;
    private final long intervalMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private volatile long flushedOffset;

    FlushService(CommitLog log, FlushMode mode, long intervalMillis, long initialFlushedOffset) {
        super("store-mmap", "flush", 1);
        this.log = log;
        this.sync = mode == FlushMode.SYNC_FLUSH;
        this.intervalMillis = Math.max(1, intervalMillis);
        this.flushedOffset = initialFlushedOffset;
    }

    /** The commit log is on disk below this offset. */
    long flushedOffset() {
        return flushedOffset;
    }

    /**
     * Waits until the log is forced up to {@code end}.
     *
     * @return false on timeout, interrupt or shutdown
     */
    boolean awaitFlushed(long end, long timeoutMillis) {
        if (flushedOffset >= end) {
            return true;
        }
        wakeup();
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (flushedOffset < end) {
                if (nanos <= 0 || (isStopped() && !isAlive())) {
                    return flushedOffset >= end;
                }
                nanos = flushed.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected int doWork() {
        waitForRunning(sync ? SYNC_IDLE_MILLIS : intervalMillis);
        flushNow();
        return 1;
    }

    @Override
    protected void onStop() {
        flushNow();
    }

    /** Forces the log and wakes the putters it covers. */
    void flushNow() {
        long offset = log.flush();
        if (offset > flushedOffset) {
            lock.lock();
            try {
                flushedOffset = offset;
                flushed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
