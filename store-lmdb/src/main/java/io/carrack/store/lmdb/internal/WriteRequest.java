package io.carrack.store.lmdb.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something the writer thread does in a write transaction for a caller who waits for it. A request is claimed
 * by the writer before it is written, or failed by the store while still pending (at close), never both.
 *
 * <p>Thread safety: handed from the caller to the writer thread; completion is safely published.
 */
abstract class WriteRequest {
    private static final int PENDING = 0;
    private static final int CLAIMED = 1;
    private static final int DONE = 2;
    /** Busy-polls before parking: a commit often ends within a few microseconds. */
    private static final int SPINS = 200;

    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch done = new CountDownLatch(1);

    /** Takes the request for writing; false if it was already failed. Writer thread only. */
    final boolean claim() {
        return state.compareAndSet(PENDING, CLAIMED);
    }

    /** Fails the request if nobody claimed it yet; true if it was failed now. */
    final boolean failIfPending() {
        if (state.compareAndSet(PENDING, DONE)) {
            onFailed();
            done.countDown();
            return true;
        }
        return false;
    }

    /** Marks a claimed request done and wakes its caller. */
    final void complete() {
        state.set(DONE);
        done.countDown();
    }

    /** Sets the outcome of a request failed before it was written. */
    abstract void onFailed();

    final boolean isDone() {
        return state.get() == DONE;
    }

    /**
     * Waits until done, at most {@code timeoutMillis} after a short spin.
     *
     * @return whether it is done
     */
    final boolean await(long timeoutMillis) {
        for (int i = 0; i < SPINS; i++) {
            if (state.get() == DONE) {
                return true;
            }
            Thread.onSpinWait();
        }
        try {
            return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isDone();
        }
    }
}
