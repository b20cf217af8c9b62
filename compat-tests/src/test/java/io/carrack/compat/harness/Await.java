package io.carrack.compat.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded condition waits for the compat tests: every wait has a deadline and fails with a
 * description of what was awaited and the last observed state.
 */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds, failing after {@code timeout} with {@code state} (evaluated
     * once, on failure) in the message.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + describe(state));
            }
            pause(POLL_MILLIS);
        }
    }

    /**
     * Waits until {@code supplier} returns a non-null value, failing after {@code timeout}; exceptions
     * thrown by the supplier count as "not yet" and the last one is attached to the failure.
     */
    public static <T> T awaitValue(String what, Duration timeout, ThrowingSupplier<T> supplier) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = supplier.get();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toMillis()
                        + " ms waiting for " + what + (last == null ? "" : "; last error: " + last));
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            pause(POLL_MILLIS * 5);
        }
    }

    /** Supplier that may throw; used by {@link #awaitValue}. */
    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        /** Returns the value, or null when not ready yet. */
        T get() throws Exception;
    }

    private static String describe(Supplier<String> state) {
        String s = state.get();
        return s == null || s.isEmpty() ? "" : "; state: " + s;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
