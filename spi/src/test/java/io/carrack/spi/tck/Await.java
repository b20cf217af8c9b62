package io.carrack.spi.tck;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of sleeping a fixed time.
 *
 * <p>Thread safety: stateless.
 */
public final class Await {
    /** The default deadline for conditions that should hold almost at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Waits until the condition holds, failing the test after {@link #DEFAULT_TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits until the condition holds, failing the test with {@code what} after the timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * Waits until the condition holds; on timeout fails with {@code what} and the state described by
     * {@code state}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(100);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + describe(state));
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(20));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    private static String describe(Supplier<String> state) {
        String s = state.get();
        return s == null || s.isEmpty() ? "" : " (" + s + ")";
    }
}
