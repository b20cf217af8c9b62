package io.carrack.filter.server.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs a filter's code, so a filter is never called concurrently and a runaway
 * filter can be cut off without touching any other thread. The caller hands over a job of {@code n}
 * steps (one {@code match} call each) and waits with a budget <em>per step</em>: if no step finishes
 * within the budget, the worker is abandoned (interrupted, then stopped) and the job fails with
 * {@link Outcome.Kind#TIMEOUT}. A step that throws (including {@link OutOfMemoryError} and
 * {@link StackOverflowError}) ends the job with {@link Outcome.Kind#FAILED}. Either way the caller
 * disables the filter; an abandoned worker takes no more jobs.
 *
 * <p>Thread safety: {@link #run} may be called from any thread; calls are serialized.
 */
final class FilterWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterWorker.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicInteger ABANDONED = new AtomicInteger();

    /** One unit of a job; runs user code on the worker thread. */
    @FunctionalInterface
    interface Step {
        boolean run(int index) throws Exception;
    }

    /** How a job ended. */
    record Outcome(Kind kind, boolean[] results, int failedAt, String error) {
        enum Kind { DONE, TIMEOUT, FAILED, BUSY, CLOSED }

        boolean ok() {
            return kind == Kind.DONE;
        }
    }

    private final ReentrantLock callers = new ReentrantLock(true);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private Job job;
    private boolean closed;

    private static final class Job {
        final Step step;
        final boolean[] results;
        boolean taken;
        int completed;
        boolean finished;
        String error;

        Job(Step step, int steps) {
            this.step = step;
            this.results = new boolean[steps];
        }
    }

    FilterWorker(String name) {
        thread = new Thread(this::loop, "carrack-filter-server-worker-" + SEQUENCE.incrementAndGet() + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** How many workers of this process were abandoned (stuck in user code). */
    static int abandonedCount() {
        return ABANDONED.get();
    }

    /**
     * Runs {@code steps} steps on the worker.
     *
     * @param budget    the most time a single step may take
     * @param queueWait how long to wait for an earlier job of another caller to end; BUSY after that
     */
    Outcome run(int steps, Step step, Duration budget, Duration queueWait) {
        try {
            if (!callers.tryLock(queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Outcome(Outcome.Kind.BUSY, null, -1, "the filter is busy with other pulls");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Outcome.Kind.BUSY, null, -1, "interrupted while waiting for the filter");
        }
        try {
            return runLocked(steps, step, budget.toNanos());
        } finally {
            callers.unlock();
        }
    }

    private Outcome runLocked(int steps, Step step, long budgetNanos) {
        Job j = new Job(step, steps);
        lock.lock();
        try {
            if (closed) {
                return new Outcome(Outcome.Kind.CLOSED, null, -1, "the filter's worker was stopped");
            }
            job = j;
            changed.signalAll();
            int seen = 0;
            long left = budgetNanos;
            while (!j.finished) {
                if (left <= 0) {
                    abandon();
                    return new Outcome(Outcome.Kind.TIMEOUT, null, j.completed, "took longer than "
                            + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms");
                }
                left = changed.awaitNanos(left);
                if (j.completed > seen) {
                    seen = j.completed;
                    left = budgetNanos;
                }
            }
            job = null;
            if (j.error != null) {
                return new Outcome(Outcome.Kind.FAILED, null, j.completed, j.error);
            }
            return new Outcome(Outcome.Kind.DONE, j.results, -1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            return new Outcome(Outcome.Kind.CLOSED, null, j.completed, "interrupted while the filter ran");
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            Job j;
            lock.lock();
            try {
                while (job == null || job.taken) {
                    if (closed) {
                        return;
                    }
                    changed.awaitUninterruptibly();
                }
                j = job;
                j.taken = true;
            } finally {
                lock.unlock();
            }
            execute(j);
        }
    }

    private void execute(Job j) {
        String error = null;
        int i = 0;
        try {
            for (; i < j.results.length; i++) {
                boolean r = j.step.run(i);
                lock.lock();
                try {
                    j.results[i] = r;
                    j.completed = i + 1;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (Throwable t) {
            error = describe(t);
        }
        lock.lock();
        try {
            j.error = error;
            j.finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A description that never runs user code: for a filter's own exception class only its name,
     * for a JDK exception also its message.
     */
    static String describe(Throwable t) {
        if ((t instanceof java.lang.reflect.InvocationTargetException || t instanceof ExceptionInInitializerError)
                && t.getCause() != null) {
            return describe(t.getCause());
        }
        if (t instanceof OutOfMemoryError) {
            return "ran out of memory (" + t.getMessage() + ")";
        }
        if (t instanceof StackOverflowError) {
            return "overflowed its stack";
        }
        Class<?> type = t.getClass();
        if (type.getClassLoader() instanceof SandboxClassLoader) {
            return "threw " + type.getName();
        }
        String message = t.getMessage();
        return "threw " + type.getName() + (message == null ? "" : ": " + message);
    }

    /** Gives up on the thread: it is stuck in user code. Caller holds {@link #lock}. */
    private void abandon() {
        closed = true;
        job = null;
        ABANDONED.incrementAndGet();
        thread.interrupt();
        stop(thread);
        LOG.warn("abandoned filter worker {} stuck in user code", thread.getName());
    }

    @SuppressWarnings("deprecation")
    private static void stop(Thread t) {
        try {
            // Best effort: ends a spinning loop on JDK 17 (a filter cannot catch ThreadDeath by name, though a
            // finally block may still swallow it); on JDKs without Thread.stop the daemon thread is just left.
            t.stop();
        } catch (UnsupportedOperationException | SecurityException e) {
            LOG.debug("cannot stop {}: {}", t.getName(), e.toString());
        }
    }

    /** Whether the worker thread is still alive (tests). */
    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
