package io.carrack.spi.tck;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link InstantSource} that only moves when a test moves it. The conformance kit hands it to the
 * store so that store timestamps, time-range queries and retention are deterministic.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class ControlledClock implements InstantSource {
    /** 2023-11-14T22:13:20Z, a fixed start so that runs are repeatable. */
    public static final long DEFAULT_START_MILLIS = 1_700_000_000_000L;

    private final AtomicLong millis;

    public ControlledClock() {
        this(DEFAULT_START_MILLIS);
    }

    public ControlledClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Moves the clock forward and returns the new time in ms. */
    public long advance(Duration by) {
        return millis.addAndGet(by.toMillis());
    }

    /** Sets the clock; tests only move it forward. */
    public void set(long epochMillis) {
        millis.set(epochMillis);
    }
}
