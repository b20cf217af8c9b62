package io.carrack.store.jdbc.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * Runs retention ({@code carrack-store-jdbc-clean}) every {@code cleanIntervalMillis} while the store clock is
 * in a {@code deleteWhen} hour.
 *
 * <p>Thread safety: started and stopped by the store.
 */
final class CleanService extends ServiceThread {
    private final Retention retention;

    CleanService(Retention retention, long intervalMillis) {
        super("store-jdbc", "clean", intervalMillis);
        this.retention = retention;
    }

    @Override
    protected int doWork() {
        if (retention.isTimeToDelete()) {
            retention.apply(false);
        }
        return 0;
    }
}
