package io.carrack.broker.internal.support;

import io.carrack.remoting.Remoting;
import java.util.concurrent.ThreadFactory;

/**
 * Names pool threads {@code carrack-broker-<role>-<n>}. The threads come from
 * {@link Remoting#threadFactory}, so processors writing responses on them take the transport's fast
 * thread-local path.
 */
public final class NamedThreadFactory implements ThreadFactory {
    private final ThreadFactory threads;

    public NamedThreadFactory(String role, boolean daemon) {
        this.threads = Remoting.threadFactory("carrack-broker-" + role + "-", daemon);
    }

    @Override
    public Thread newThread(Runnable r) {
        return threads.newThread(r);
    }
}
