package io.carrack.store.lmdb.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * Runs retention when the store clock is in one of the {@code deleteWhen} hours
 * ({@code carrack-store-lmdb-clean}), checking every {@code store.lmdb.cleanIntervalMillis}.
 *
 * <p>Thread safety: its own thread.
 */
final class CleanService extends ServiceThread {
    private final Runnable maintenance;
    private final long intervalMillis;

    CleanService(Runnable maintenance, long intervalMillis) {
        super("store-lmdb", "clean", Math.max(1, intervalMillis));
        this.maintenance = maintenance;
        this.intervalMillis = Math.max(1, intervalMillis);
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
