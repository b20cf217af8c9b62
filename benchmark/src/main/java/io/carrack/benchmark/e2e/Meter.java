package io.carrack.benchmark.e2e;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one kind of event (messages sent, messages received) with their bytes, errors and, when
 * there is one, a latency in microseconds. Cheap to call from many threads.
 */
final class Meter {
    private final String name;
    private final boolean hasLatency;
    private final LongAdder ops = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Histogram latency = new Histogram();
    private final AtomicLong firstNanos = new AtomicLong();
    private volatile long lastNanos;

    Meter(String name, boolean hasLatency) {
        this.name = name;
        this.hasLatency = hasLatency;
    }

    String name() {
        return name;
    }

    boolean hasLatency() {
        return hasLatency;
    }

    /** One event of {@code size} bytes that took {@code micros} (ignored when this meter has no latency). */
    void success(int size, long micros) {
        ops.increment();
        bytes.add(size);
        if (hasLatency) {
            latency.record(micros);
        }
        long now = System.nanoTime();
        if (firstNanos.get() == 0) {
            firstNanos.compareAndSet(0, now);
        }
        lastNanos = now;
    }

    void error() {
        errors.increment();
    }

    long ops() {
        return ops.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** When the first event was counted (System.nanoTime), or 0. */
    long firstNanos() {
        return firstNanos.get();
    }

    /** When the last event was counted (System.nanoTime), or 0. */
    long lastNanos() {
        return lastNanos;
    }

    void drainLatency(Histogram.Snapshot into) {
        latency.drainInto(into);
    }
}
