package io.carrack.remoting.internal;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates {@link FastThreadLocalThread}s named {@code <prefix><n>}, n from 1. Netty's thread-locals
 * (the recycler of write tasks, buffer caches) are an array lookup on such threads instead of a
 * {@code ThreadLocal} map probe, which matters for executors that write responses.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class FastThreadFactory implements ThreadFactory {
    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger next = new AtomicInteger(1);

    public FastThreadFactory(String prefix, boolean daemon) {
        this.prefix = prefix;
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new FastThreadLocalThread(r, prefix + next.getAndIncrement());
        t.setDaemon(daemon);
        return t;
    }
}
