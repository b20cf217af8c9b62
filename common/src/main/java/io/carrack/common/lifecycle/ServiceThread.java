package io.carrack.common.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for one role (flush, commit, reput, clean-up...), named {@code carrack-<module>-<role>}.
 *
 * <p>The thread calls {@link #doWork()} in a loop; when it returns 0 (nothing done), the thread
 * waits up to the idle interval or until {@link #wakeup()}. A group-commit style service instead
 * calls {@link #waitForRunning(long)} itself at the top of {@code doWork()} and swaps its request
 * lists in {@link #onWaitEnd()}, as RocketMQ's services do.
 *
 * <p>Failures: the loop catches {@code Throwable}; an exception is logged and the loop goes on after
 * an idle wait; an {@link Error} is logged, remembered in {@link #failure()} and rethrown, ending the
 * thread. Interrupting the thread stops the loop; the interrupt flag stays set.
 *
 * <p>Shutdown: {@link #shutdown(Duration)} asks the loop to stop, wakes it, and joins it for a bounded
 * time, interrupting it if the first half of the time passes. {@link #onStop()} runs on the service
 * thread after the loop, for a final pass (such as a last flush).
 *
 * <p>Thread safety: {@link #start()}, {@link #wakeup()} and {@link #shutdown} may be called from
 * any thread; {@link #waitForRunning(long)} only from the service thread.
 */
public abstract class ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceThread.class);
    /** Default bound on the join in {@link #shutdown()}. */
    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final long idleWaitMillis;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean notified = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Throwable failure;

    /**
     * Creates a non-daemon service.
     *
     * @param module         the module part of the thread name, such as {@code store}
     * @param role           the role part, such as {@code flush}
     * @param idleWaitMillis how long to wait when {@link #doWork()} did nothing; at least 1
     */
    protected ServiceThread(String module, String role, long idleWaitMillis) {
        this(module, role, idleWaitMillis, false);
    }

    /**
     * Creates a service.
     *
     * @param module         the module part of the thread name, such as {@code store}
     * @param role           the role part, such as {@code flush}
     * @param idleWaitMillis how long to wait when {@link #doWork()} did nothing; at least 1
     * @param daemon         whether the thread is a daemon thread
     */
    protected ServiceThread(String module, String role, long idleWaitMillis, boolean daemon) {
        this.name = threadName(module, role);
        if (idleWaitMillis < 1) {
            throw new IllegalArgumentException("idle wait must be at least 1 ms: " + idleWaitMillis);
        }
        this.idleWaitMillis = idleWaitMillis;
        this.thread = new Thread(this::runLoop, name);
        this.thread.setDaemon(daemon);
    }

    /** The thread name for a module and role: {@code carrack-<module>-<role>}. */
    public static String threadName(String module, String role) {
        if (module == null || module.isBlank() || role == null || role.isBlank()) {
            throw new IllegalArgumentException("module and role must not be blank: " + module + ", " + role);
        }
        return "carrack-" + module + "-" + role;
    }

    /**
     * One unit of work.
     *
     * @return how much was done; 0 makes the thread wait for the idle interval or a wakeup
     * @throws Exception logged by the loop, which then goes on
     */
    protected abstract int doWork() throws Exception;

    /** Called on the service thread each time {@link #waitForRunning(long)} returns. */
    protected void onWaitEnd() {
    }

    /**
     * Called once on the service thread after the loop ends (not after an {@link Error}).
     *
     * @throws Exception logged
     */
    protected void onStop() throws Exception {
    }

    /** The thread name. */
    public final String name() {
        return name;
    }

    /**
     * Starts the thread.
     *
     * @throws IllegalStateException if it was started before
     */
    public final void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " already started");
        }
        LOG.debug("starting {}", name);
        thread.start();
    }

    /** Wakes the thread if it is waiting in {@link #waitForRunning(long)}; a wakeup is remembered otherwise. */
    public final void wakeup() {
        if (notified.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether stop was requested (or the thread was interrupted). */
    public final boolean isStopped() {
        return stopped;
    }

    /** Whether the thread is alive. */
    public final boolean isAlive() {
        return thread.isAlive();
    }

    /** The {@link Error} that ended the thread, or null. */
    public final Throwable failure() {
        return failure;
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_JOIN_TIMEOUT}. */
    public final boolean shutdown() {
        return shutdown(DEFAULT_JOIN_TIMEOUT);
    }

    /**
     * Stops the loop and waits for the thread, interrupting it after half the timeout. Safe to call
     * more than once, before start, and from the service thread itself (which is then not joined).
     *
     * @return true if the thread has ended (or never started)
     */
    public final boolean shutdown(Duration joinTimeout) {
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        stopped = true;
        wakeup();
        if (!started.get() || Thread.currentThread() == thread) {
            return !thread.isAlive();
        }
        long halfMillis = Math.max(1, joinTimeout.toMillis() / 2);
        try {
            thread.join(halfMillis);
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {} ms; interrupting it", name, halfMillis);
                thread.interrupt();
                thread.join(halfMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean ended = !thread.isAlive();
        if (!ended) {
            LOG.warn("{} did not stop within {}", name, joinTimeout);
        }
        return ended;
    }

    /**
     * Waits until {@link #wakeup()} is called, the interval passes, or stop is requested; returns at
     * once if a wakeup came since the last wait. Calls {@link #onWaitEnd()} before returning.
     *
     * @return true if woken by {@link #wakeup()}, false on timeout, stop or interrupt without a wakeup
     */
    protected final boolean waitForRunning(long intervalMillis) {
        try {
            if (notified.compareAndSet(true, false)) {
                return true;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
            while (!stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
                if (notified.compareAndSet(true, false)) {
                    return true;
                }
                if (Thread.currentThread().isInterrupted()) {
                    stopped = true;
                }
            }
            return notified.getAndSet(false);
        } finally {
            onWaitEnd();
        }
    }

    private void runLoop() {
        LOG.debug("{} started", name);
        try {
            while (!stopped) {
                loopOnce();
            }
        } catch (Error e) {
            failure = e;
            LOG.error("{} died", name, e);
            throw e;
        }
        try {
            onStop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("{} failed while stopping", name, e);
        }
        LOG.debug("{} stopped", name);
    }

    private void loopOnce() {
        try {
            if (doWork() <= 0 && !stopped) {
                waitForRunning(idleWaitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            LOG.error("{} failed; going on", name, t);
            if (!stopped) {
                waitForRunning(idleWaitMillis);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            stopped = true;
        }
    }
}
