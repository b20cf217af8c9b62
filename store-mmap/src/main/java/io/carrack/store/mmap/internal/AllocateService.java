package io.carrack.store.mmap.internal;

import io.carrack.common.lifecycle.ServiceThread;

/**
 * Prepares the next commit-log file ahead of the writer ({@code carrack-store-mmap-allocate}), as
 * RocketMQ's allocate service does: file creation and block allocation leave the put path.
 *
 * <p>Thread safety: see {@link ServiceThread}.
 */
final class AllocateService extends ServiceThread {
    private final CommitLog log;

    AllocateService(CommitLog log) {
        super("store-mmap", "allocate", 10);
        this.log = log;
    }

    @Override
    protected int doWork() {
        return log.prepareNextFile() ? 1 : 0;
    }
}
