package io.carrack.benchmark.e2e;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed schedule shared by all sending threads: message {@code n} (a ticket taken from one global
 * counter) is due at {@code start + n / rate}. A thread that was slow does not shift the schedule; the
 * next free thread takes the next ticket, so the offered rate stays fixed while threads are available.
 */
final class Pacer {
    private final long startNanos;
    private final double nanosPerMessage;

    /** {@code rate} messages per second; 0 or less means as fast as possible. */
    Pacer(long startNanos, long rate) {
        this.startNanos = startNanos;
        this.nanosPerMessage = rate > 0 ? 1e9 / rate : 0;
    }

    /** Waits until ticket {@code n} is due, or until {@code stopAtNanos}; false if stopped first. */
    boolean await(long n, long stopAtNanos) {
        if (nanosPerMessage == 0) {
            return true;
        }
        long due = startNanos + (long) (n * nanosPerMessage);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (System.nanoTime() >= stopAtNanos) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
        return true;
    }
}
