package io.carrack.common.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ServiceThreadTest {
    private static final long LONG_IDLE = TimeUnit.MINUTES.toMillis(10);
    private final List<ServiceThread> services = new ArrayList<>();

    @AfterEach
    void stopAll() {
        services.forEach(s -> s.shutdown(Duration.ofSeconds(2)));
    }

    private <T extends ServiceThread> T track(T s) {
        services.add(s);
        return s;
    }

    /** A service whose doWork is a lambda. */
    static class Service extends ServiceThread {
        interface Work {
            int run(Service self) throws Exception;
        }

        final Work work;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger waitEnds = new AtomicInteger();
        final CountDownLatch stoppedOnce = new CountDownLatch(1);
        final AtomicReference<String> stopThread = new AtomicReference<>();
        volatile boolean interruptedInStop;

        Service(long idle, Work work) {
            super("test", "role", idle, true);
            this.work = work;
        }

        @Override
        protected int doWork() throws Exception {
            calls.incrementAndGet();
            return work.run(this);
        }

        @Override
        protected void onWaitEnd() {
            waitEnds.incrementAndGet();
        }

        @Override
        protected void onStop() {
            stopThread.set(Thread.currentThread().getName());
            interruptedInStop = Thread.currentThread().isInterrupted();
            stoppedOnce.countDown();
        }

        boolean callWait(long ms) {
            return waitForRunning(ms);
        }
    }

    @Test
    void runsOnANamedThread() throws Exception {
        BlockingQueue<String> names = new LinkedBlockingQueue<>();
        Service s = track(new Service(LONG_IDLE, self -> {
            names.add(Thread.currentThread().getName());
            return 0;
        }));
        assertEquals("carrack-test-role", s.name());
        s.start();
        assertEquals("carrack-test-role", names.poll(5, TimeUnit.SECONDS));
        assertTrue(s.shutdown());
        assertFalse(s.isAlive());
        assertEquals("carrack-test-role", s.stopThread.get());
    }

    @Test
    void threadNameRejectsBlankParts() {
        assertEquals("carrack-store-flush", ServiceThread.threadName("store", "flush"));
        assertThrows(IllegalArgumentException.class, () -> ServiceThread.threadName("", "flush"));
        assertThrows(IllegalArgumentException.class, () -> ServiceThread.threadName("store", " "));
    }

    @Test
    void wakeupEndsTheIdleWaitEarly() throws Exception {
        BlockingQueue<Integer> calls = new LinkedBlockingQueue<>();
        Service s = track(new Service(LONG_IDLE, self -> {
            calls.add(self.calls.get());
            return 0;
        }));
        s.start();
        assertEquals(1, calls.poll(5, TimeUnit.SECONDS));
        // without the wakeup the next call would come only after ten minutes
        s.wakeup();
        assertEquals(2, calls.poll(5, TimeUnit.SECONDS));
        s.wakeup();
        assertEquals(3, calls.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void busyWorkDoesNotWait() throws Exception {
        CountDownLatch hundred = new CountDownLatch(100);
        Service s = track(new Service(LONG_IDLE, self -> {
            hundred.countDown();
            return 1;
        }));
        s.start();
        assertTrue(hundred.await(5, TimeUnit.SECONDS));
        assertEquals(0, s.waitEnds.get());
    }

    @Test
    void groupCommitStyleWaitReportsWakeupsAndCallsOnWaitEnd() throws Exception {
        BlockingQueue<Boolean> results = new LinkedBlockingQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        Service s = track(new Service(LONG_IDLE, self -> {
            go.await();
            results.add(self.callWait(LONG_IDLE));
            return 1;
        }));
        s.wakeup(); // remembered before start: the first wait returns at once
        s.start();
        go.countDown();
        assertEquals(Boolean.TRUE, results.poll(5, TimeUnit.SECONDS));
        s.wakeup();
        assertEquals(Boolean.TRUE, results.poll(5, TimeUnit.SECONDS));
        assertTrue(s.waitEnds.get() >= 2);
    }

    @Test
    void waitTimesOutWithoutWakeup() throws Exception {
        BlockingQueue<Boolean> results = new LinkedBlockingQueue<>();
        Service s = track(new Service(LONG_IDLE, self -> {
            results.add(self.callWait(20));
            return 0;
        }));
        s.start();
        assertEquals(Boolean.FALSE, results.poll(5, TimeUnit.SECONDS));
        assertTrue(s.waitEnds.get() >= 1);
    }

    @Test
    void exceptionsAreLoggedAndTheLoopGoesOn() throws Exception {
        CountDownLatch third = new CountDownLatch(3);
        Service s = track(new Service(1, self -> {
            third.countDown();
            throw new IllegalStateException("boom " + self.calls.get());
        }));
        s.start();
        assertTrue(third.await(5, TimeUnit.SECONDS));
        assertTrue(s.isAlive());
        assertNull(s.failure());
    }

    @Test
    void errorsEndTheThreadAndAreRemembered() throws Exception {
        AssertionError boom = new AssertionError("fatal");
        Service s = track(new Service(1, self -> {
            throw boom;
        }));
        s.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertFalse(s.isAlive());
        assertSame(boom, s.failure());
        assertEquals(1, s.calls.get());
        assertEquals(1, s.stoppedOnce.getCount(), "onStop does not run after an Error");
        assertTrue(s.shutdown());
    }

    @Test
    void shutdownStopsTheLoopAndRunsOnStopOnce() throws Exception {
        Service s = track(new Service(LONG_IDLE, self -> 0));
        s.start();
        assertTrue(s.shutdown(Duration.ofSeconds(5)));
        assertTrue(s.isStopped());
        assertEquals(0, s.stoppedOnce.getCount());
        assertTrue(s.shutdown(Duration.ofSeconds(5)), "shutdown is idempotent");
        assertThrows(IllegalStateException.class, s::start);
    }

    @Test
    void shutdownBeforeStartIsFine() {
        Service s = new Service(LONG_IDLE, self -> 0);
        assertTrue(s.shutdown(Duration.ofMillis(10)));
    }

    @Test
    void startTwiceFails() {
        Service s = track(new Service(LONG_IDLE, self -> 0));
        s.start();
        assertThrows(IllegalStateException.class, s::start);
    }

    @Test
    void shutdownInterruptsABlockedLoop() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch inWork = new CountDownLatch(1);
        Service s = track(new Service(LONG_IDLE, self -> {
            inWork.countDown();
            never.await();
            return 1;
        }));
        s.start();
        assertTrue(inWork.await(5, TimeUnit.SECONDS));
        assertTrue(s.shutdown(Duration.ofSeconds(2)));
        assertTrue(s.stoppedOnce.await(1, TimeUnit.SECONDS));
        assertTrue(s.interruptedInStop, "the interrupt flag is restored");
    }

    @Test
    void shutdownGivesUpOnAStubbornLoopWithinItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inWork = new CountDownLatch(1);
        Service s = track(new Service(LONG_IDLE, self -> {
            inWork.countDown();
            while (true) {
                try {
                    release.await();
                    return 1;
                } catch (InterruptedException ignored) {
                    // deliberately stubborn
                }
            }
        }));
        s.start();
        assertTrue(inWork.await(5, TimeUnit.SECONDS));
        assertFalse(s.shutdown(Duration.ofMillis(200)));
        release.countDown();
        assertTrue(s.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void interruptingTheThreadStopsIt() throws Exception {
        AtomicReference<Thread> t = new AtomicReference<>();
        CountDownLatch inWork = new CountDownLatch(1);
        Service s = track(new Service(LONG_IDLE, self -> {
            t.set(Thread.currentThread());
            inWork.countDown();
            return 0;
        }));
        s.start();
        assertTrue(inWork.await(5, TimeUnit.SECONDS));
        t.get().interrupt();
        assertTrue(s.stoppedOnce.await(5, TimeUnit.SECONDS));
        assertTrue(s.isStopped());
        assertTrue(s.interruptedInStop);
    }

    @Test
    void shutdownFromTheServiceThreadDoesNotDeadlock() throws Exception {
        Service s = track(new Service(LONG_IDLE, self -> {
            self.shutdown(Duration.ofSeconds(30));
            return 0;
        }));
        s.start();
        assertTrue(s.stoppedOnce.await(5, TimeUnit.SECONDS));
        assertTrue(s.shutdown(Duration.ofSeconds(5)));
        assertEquals(1, s.calls.get());
    }
}
