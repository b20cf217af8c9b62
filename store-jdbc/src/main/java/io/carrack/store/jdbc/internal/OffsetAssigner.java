package io.carrack.store.jdbc.internal;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives each accepted put its offsets and hands it to the writer in one step under one lock, so the writer
 * receives puts in offset order: queue offsets from a counter per queue (no gaps, no duplicates), physical
 * offsets as cumulative byte positions, the store time from the clock. Offsets are never taken back: the writer
 * retries a failed transaction until it commits.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class OffsetAssigner {
    private final ReentrantLock lock = new ReentrantLock();
    /** Every queue a put was accepted for, committed or not. */
    private final QueueTable queues = new QueueTable();
    private final LogState log;
    private final InstantSource clock;
    private final WriteService writer;

    OffsetAssigner(QueueTable loaded, LogState log, InstantSource clock, WriteService writer) {
        for (QueueState q : loaded.all()) {
            queues.add(q);
        }
        this.log = log;
        this.clock = clock;
        this.writer = writer;
    }

    /** Assigns the put's offsets and queues it for the writer. */
    void assignAndSubmit(PutRequest put) {
        lock.lock();
        try {
            long now = clock.millis();
            QueueState q = put.needsQueue() ? queueFor(put.topic, put.queueId) : null;
            long phys = log.nextPhysicalOffset;
            for (EncodedMessage m : put.messages) {
                m.assign(m.takesQueueOffset ? q.next++ : 0, phys, now);
                phys += m.size();
            }
            put.queue = q;
            put.storeTimestamp = now;
            log.nextPhysicalOffset = phys;
            writer.submit(put);
        } finally {
            lock.unlock();
        }
    }

    private QueueState queueFor(String topic, int queueId) {
        QueueState q = queues.find(topic, queueId);
        if (q == null) {
            q = new QueueState(log.nextQueueKey++, topic, queueId, 0, 0);
            queues.add(q);
        }
        return q;
    }

    /**
     * Forgets the topics' queues (later puts start new ones at offset 0) and queues the task that deletes them
     * after the puts accepted before.
     *
     * @param task given the forgotten queues, builds the deletion
     */
    <T> WriterTask<T> removeTopics(Set<String> topics, java.util.function.Function<List<QueueState>, WriterTask<T>> task) {
        lock.lock();
        try {
            List<QueueState> removed = new ArrayList<>();
            for (String topic : topics) {
                for (QueueState q : queues.ofTopic(topic)) {
                    queues.remove(q);
                    removed.add(q);
                }
            }
            WriterTask<T> t = task.apply(removed);
            writer.submit(t);
            return t;
        } finally {
            lock.unlock();
        }
    }
}
