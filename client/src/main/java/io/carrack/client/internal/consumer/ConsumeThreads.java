package io.carrack.client.internal.consumer;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories and pools of the consumer. */
final class ConsumeThreads {
    private ConsumeThreads() {
    }

    /** Daemon threads named {@code <prefix>-<n>}. */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A fixed pool of {@code threads} consume threads with an unbounded queue. */
    static ThreadPoolExecutor pool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("carrack-client-consume"));
    }
}
