package io.carrack.filter.server.internal;

import io.carrack.filter.server.api.MessageFilter;

/**
 * One registered filter class of a (consumer group, topic): the instance and its worker when it
 * loaded, or the reason it was refused or later disabled.
 *
 * <p>Thread safety: the problem is volatile; the rest is immutable.
 */
final class LoadedFilter {
    private final String className;
    private final int crc;
    private final MessageFilter instance;
    private final FilterWorker worker;
    private volatile String problem;

    private LoadedFilter(String className, int crc, MessageFilter instance, FilterWorker worker, String problem) {
        this.className = className;
        this.crc = crc;
        this.instance = instance;
        this.worker = worker;
        this.problem = problem;
    }

    static LoadedFilter loaded(String className, int crc, MessageFilter instance, FilterWorker worker) {
        return new LoadedFilter(className, crc, instance, worker, null);
    }

    static LoadedFilter refused(String className, int crc, String problem) {
        return new LoadedFilter(className, crc, null, null, problem);
    }

    String className() {
        return className;
    }

    int crc() {
        return crc;
    }

    MessageFilter instance() {
        return instance;
    }

    FilterWorker worker() {
        return worker;
    }

    /** Null while the filter works; else why it was refused or disabled. */
    String problem() {
        return problem;
    }

    /** Disables the filter for good and stops its worker. */
    void disable(String reason) {
        if (problem == null) {
            problem = reason;
        }
        if (worker != null) {
            worker.close();
        }
    }

    void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
