package io.carrack.store.mmap.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * Periodically forces consume queues and index and writes the checkpoint ({@code carrack-store-mmap-checkpoint}),
 * so that recovery after a crash re-dispatches only the tail of the log.
 *
 * <p>Thread safety: see {@link ServiceThread}.
 */
final class CheckpointService extends ServiceThread {
    private final Runnable checkpoint;
    private final long intervalMillis;

    CheckpointService(Runnable checkpoint, long intervalMillis) {
        super("store-mmap", "checkpoint", 1);
        this.checkpoint = checkpoint;
        this.intervalMillis = intervalMillis;
    }

    @Override
    protected int doWork() {
        waitForRunning(intervalMillis);
        if (!isStopped()) {
            checkpoint.run();
        }
        return 1;
    }
}
