package io.carrack.store.mmap.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * Checks disk use and applies retention ({@code carrack-store-mmap-clean}) every {@code cleanIntervalMillis}.
 *
 * <p>Thread safety: see {@link ServiceThread}.
 */
final class CleanService extends ServiceThread {
    private final Runnable maintenance;
    private final long intervalMillis;

    CleanService(Runnable maintenance, long intervalMillis) {
        super("store-mmap", "clean", 1);
        this.maintenance = maintenance;
        this.intervalMillis = intervalMillis;
    }

    @Override
    protected int doWork() {
        waitForRunning(intervalMillis);
        if (!isStopped()) {
            maintenance.run();
        }
        return 1;
    }
}
