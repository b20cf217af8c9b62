package io.carrack.store.lmdb.internal;

/**
 * A {@link WriteTask} waiting for the writer, with its failure if it failed.
 *
 * <p>Thread safety: see {@link WriteRequest}.
 */
final class TaskRequest extends WriteRequest {
    private final WriteTask task;
    private volatile RuntimeException failure;

    TaskRequest(WriteTask task) {
        this.task = task;
    }

    WriteTask task() {
        return task;
    }

    /** The failure, or null when it ran. */
    RuntimeException failure() {
        return failure;
    }

    void failure(RuntimeException e) {
        this.failure = e;
    }

    @Override
    void onFailed() {
        failure = new io.carrack.spi.store.StoreException("the store is closed");
    }
}
