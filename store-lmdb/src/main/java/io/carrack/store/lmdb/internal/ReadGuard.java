package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.StoreException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the LMDB environment open while calls use it: each call enters and leaves; {@link #closeAndDrain}
 * refuses new calls and waits (bounded) for those inside, because closing an environment under an open
 * transaction is undefined behaviour in LMDB.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class ReadGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ReadGuard.class);
    private static final int DRAIN_PAUSES = 10_000;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger inside = new AtomicInteger();
    private final String what;

    ReadGuard(String what) {
        this.what = what;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Enters; throws if closed. Pair with {@link #leave()} in a finally block. */
    void enter() {
        inside.incrementAndGet();
        if (closed.get()) {
            inside.decrementAndGet();
            throw new StoreException("the store at " + what + " is closed");
        }
    }

    /** Enters unless closed; pair a true result with {@link #leave()}. */
    boolean tryEnter() {
        inside.incrementAndGet();
        if (closed.get()) {
            inside.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave() {
        inside.decrementAndGet();
    }

    /**
     * Refuses new calls.
     *
     * @return false if it was already closed
     */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Waits up to about ten seconds for the calls inside to leave.
     *
     * @return whether none is inside
     */
    boolean drain() {
        for (int i = 0; inside.get() > 0 && i < DRAIN_PAUSES; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        int left = inside.get();
        if (left > 0) {
            LOG.warn("{} calls are still inside the store at {} after waiting", left, what);
        }
        return left == 0;
    }
}
