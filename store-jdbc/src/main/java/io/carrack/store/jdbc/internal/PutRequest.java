package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One accepted put (a message or a batch of one queue): its messages with the offsets the
 * {@link OffsetAssigner} gave them, on its way to the writer. A SYNC_FLUSH put waits for its transaction to be
 * committed and forced ({@link #awaitDurable}); an ASYNC_FLUSH put is answered at once.
 *
 * <p>Thread safety: built and assigned by the producer, then owned by the writer thread; {@link #awaitDurable}
 * and {@link #durable} may race safely.
 */
final class PutRequest implements WriterRequest {
    final String topic;
    final int queueId;
    final List<EncodedMessage> messages;
    final int bytes;
    /** Permits of the writer's pending-bytes limit this put holds until it is committed. */
    final int permits;
    /** The queue, or null if no message takes a queue offset. */
    QueueState queue;
    long storeTimestamp;
    private final CountDownLatch done;
    private volatile PutStatus outcome;

    PutRequest(String topic, int queueId, List<EncodedMessage> messages, boolean sync, int permitBytes,
               int maxPermits) {
        this.topic = topic;
        this.queueId = queueId;
        this.messages = messages;
        int n = 0;
        for (EncodedMessage m : messages) {
            n += m.size();
        }
        this.bytes = n;
        this.permits = Math.max(1, Math.min(maxPermits, n / permitBytes));
        this.done = sync ? new CountDownLatch(1) : null;
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

    /** The result as assigned: offsets of the first message, bytes and count. */
    PutResult result() {
        long firstQueueOffset = 0;
        for (EncodedMessage m : messages) {
            if (m.queueOffset >= 0) {
                firstQueueOffset = m.queueOffset;
                break;
            }
        }
        return new PutResult(PutStatus.OK, messages.get(0).physicalOffset, bytes, firstQueueOffset, messages.size(),
                storeTimestamp);
    }

    /** Records the outcome of the put's transaction (OK, FLUSH_DISK_TIMEOUT or UNKNOWN_ERROR). Writer only. */
    void durable(PutStatus status) {
        outcome = status;
        if (done != null) {
            done.countDown();
        }
    }

    @Override
    public void abandon() {
        durable(PutStatus.UNKNOWN_ERROR);
    }

    /**
     * Waits for the put's commit (SYNC_FLUSH). After the timeout the put is still on its way to the database:
     * FLUSH_DISK_TIMEOUT, as a store whose disk is slow says it.
     */
    PutResult awaitDurable(long timeoutMillis) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                        return result().withStatus(PutStatus.FLUSH_DISK_TIMEOUT);
                    }
                    PutStatus s = outcome;
                    return s == PutStatus.OK ? result() : s.stored() ? result().withStatus(s) : PutResult.failed(s);
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
