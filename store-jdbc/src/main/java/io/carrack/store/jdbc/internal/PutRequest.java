package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One put (a message or a batch of one queue) waiting for the writer. The writer {@link #take()}s it before
 * writing; a producer that gives up waiting {@link #cancel()}s it, which succeeds only if the writer has not
 * taken it, so a cancelled put is never written and a taken one is always answered.
 *
 * <p>Thread safety: safe for one producer and the writer thread.
 */
final class PutRequest implements WriterRequest {
    private static final int PENDING = 0;
    private static final int TAKEN = 1;
    private static final int CANCELLED = 2;
    /** Spins before parking: a put is often answered within microseconds. */
    private static final int SPINS = 200;

    final String topic;
    final int queueId;
    final List<EncodedMessage> messages;
    final int bytes;
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile PutResult result;

    PutRequest(String topic, int queueId, List<EncodedMessage> messages) {
        this.topic = topic;
        this.queueId = queueId;
        this.messages = messages;
        int n = 0;
        for (EncodedMessage m : messages) {
            n += m.size();
        }
        this.bytes = n;
    }

    /** Whether any message of the put takes a queue offset. */
    boolean needsQueue() {
        for (EncodedMessage m : messages) {
            if (m.takesQueueOffset) {
                return true;
            }
        }
        return false;
    }

    /** Claims the put for writing; false if the producer cancelled it. Writer only. */
    boolean take() {
        return state.compareAndSet(PENDING, TAKEN);
    }

    /** Withdraws the put; false if the writer already took it. Producer only. */
    boolean cancel() {
        return state.compareAndSet(PENDING, CANCELLED);
    }

    /** Answers the put. Writer only, once. */
    void complete(PutResult r) {
        result = r;
        done.countDown();
    }

    @Override
    public void abandon() {
        state.compareAndSet(PENDING, TAKEN);
        complete(PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE));
    }

    /**
     * Waits for the answer. After {@code timeoutMillis}, a put the writer has not taken is cancelled and
     * answered OS_PAGECACHE_BUSY (nothing written); a taken one is waited for until the writer answers.
     */
    PutResult await(long timeoutMillis) {
        for (int i = 0; i < SPINS && result == null; i++) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                        return result;
                    }
                    if (cancel()) {
                        return PutResult.failed(PutStatus.OS_PAGECACHE_BUSY);
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
