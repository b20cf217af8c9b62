package io.carrack.broker;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that follows the system clock plus an offset tests move forward. */
final class MutableClock implements InstantSource {
    private final AtomicLong offset = new AtomicLong();

    void advanceMillis(long delta) {
        offset.addAndGet(delta);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return InstantSource.system().millis() + offset.get();
    }
}
