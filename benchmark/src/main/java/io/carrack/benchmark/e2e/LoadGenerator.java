package io.carrack.benchmark.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sending threads: each takes the next ticket, waits for it on the {@link Pacer}, takes a body and
 * sends it, until the count or the deadline is reached. Send latency (sync: the call; async: call to
 * callback) goes to the meter; asynchronous sends in flight are bounded by a semaphore.
 *
 * <p>Thread safety: start once, then {@link #awaitDone} from one thread.
 */
final class LoadGenerator {
    private final BenchClient.Sender sender;
    private final String topic;
    private final SendMode mode;
    private final int threads;
    private final long count;
    private final Pacer pacer;
    private final Supplier<byte[]> bodies;
    private final Meter meter;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicLong tickets = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile long stopAtNanos;
    private volatile Throwable firstError;

    LoadGenerator(BenchClient.Sender sender, String topic, SendMode mode, int threads, long count, Pacer pacer,
                  Supplier<byte[]> bodies, Meter meter, int maxInFlight) {
        this.sender = sender;
        this.topic = topic;
        this.mode = mode;
        this.threads = threads;
        this.count = count;
        this.pacer = pacer;
        this.bodies = bodies;
        this.meter = meter;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    void start(long stopAtNanos) {
        this.stopAtNanos = stopAtNanos;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "mqbench-send-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Ends sending early (the deadline is now). */
    void stop() {
        stopAtNanos = System.nanoTime();
    }

    /** True once every sending thread has finished. */
    boolean finished() {
        return workers.stream().noneMatch(Thread::isAlive);
    }

    /** Waits for the threads and, for async sends, for the answers still in flight (bounded). */
    void awaitDone(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (Thread t : workers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (mode == SendMode.ASYNC
                && inFlight.tryAcquire(maxInFlight, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            inFlight.release(maxInFlight);
        }
    }

    /** The first send failure seen, for the report. */
    Throwable firstError() {
        return firstError;
    }

    private void loop() {
        while (true) {
            long n = tickets.getAndIncrement();
            if (count > 0 && n >= count) {
                return;
            }
            if (!pacer.await(n, stopAtNanos) || System.nanoTime() >= stopAtNanos) {
                return;
            }
            try {
                switch (mode) {
                    case SYNC -> sendSync();
                    case ASYNC -> {
                        if (!sendAsync()) {
                            return;
                        }
                    }
                    case ONEWAY -> sendOneway();
                    default -> throw new IllegalStateException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendSync() {
        byte[] body = bodies.get();
        long t0 = System.nanoTime();
        try {
            sender.sendSync(topic, body);
            meter.success(body.length, (System.nanoTime() - t0) / 1000);
        } catch (Exception e) {
            failed(e);
        }
    }

    private boolean sendAsync() throws InterruptedException {
        while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() >= stopAtNanos) {
                return false;
            }
        }
        byte[] body = bodies.get();
        long t0 = System.nanoTime();
        sender.sendAsync(topic, body, error -> {
            inFlight.release();
            if (error == null) {
                meter.success(body.length, (System.nanoTime() - t0) / 1000);
            } else {
                failed(error);
            }
        });
        return true;
    }

    private void sendOneway() {
        byte[] body = bodies.get();
        try {
            sender.sendOneway(topic, body);
            meter.success(body.length, 0);
        } catch (Exception e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        meter.error();
        if (firstError == null) {
            firstError = e;
        }
    }
}
