package io.carrack.store.mmap.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * The thread that keeps consume queues and index up with the commit log ({@code carrack-store-mmap-dispatch}).
 * Woken by each put; otherwise polls every millisecond.
 *
 * <p>Thread safety: see {@link ServiceThread}.
 */
final class DispatchService extends ServiceThread {
    private static final int BATCH = 4096;

    private final Dispatcher dispatcher;
    private final CommitLog log;

    DispatchService(Dispatcher dispatcher, CommitLog log) {
        super("store-mmap", "dispatch", 1);
        this.dispatcher = dispatcher;
        this.log = log;
    }

    @Override
    protected int doWork() {
        return dispatcher.dispatch(log.readableOffset(), BATCH);
    }

    @Override
    protected void onStop() {
        dispatcher.dispatch(log.readableOffset(), Integer.MAX_VALUE);
    }
}
