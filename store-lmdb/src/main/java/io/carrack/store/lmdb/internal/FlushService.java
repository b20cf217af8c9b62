package io.carrack.store.lmdb.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * With ASYNC_FLUSH ({@code MDB_NOSYNC} or {@code MDB_NOMETASYNC}), forces committed transactions to disk every
 * {@code flushIntervalCommitLog} ms ({@code carrack-store-lmdb-flush}), and once more when stopping.
 *
 * <p>Thread safety: its own thread; {@link #shutdown()} from any thread.
 */
final class FlushService extends ServiceThread {
    private final StoreEnv env;
    private final long intervalMillis;

    FlushService(StoreEnv env, long intervalMillis) {
        super("store-lmdb", "flush", Math.max(1, intervalMillis));
        this.env = env;
        this.intervalMillis = Math.max(1, intervalMillis);
    }

    @Override
    protected int doWork() {
        waitForRunning(intervalMillis);
        if (!isStopped()) {
            env.sync();
        }
        return 1;
    }

    @Override
    protected void onStop() {
        env.sync();
    }
}
