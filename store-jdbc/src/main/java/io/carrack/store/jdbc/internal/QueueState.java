package io.carrack.store.jdbc.internal;

/**
 * One (topic, queue): its key in {@code carrack_queue}, the readable range, and the writer's next offset.
 *
 * <p>Thread safety: {@link #minOffset} and {@link #maxOffset} are published by the writer (and retention)
 * after commit and read by any thread; {@link #next} is guarded by the {@link OffsetAssigner}'s lock;
 * {@link #persisted} belongs to the writer thread.
 */
final class QueueState {
    final long key;
    final String topic;
    final int queueId;
    /** First readable offset. */
    volatile long minOffset;
    /** One past the last committed offset. */
    volatile long maxOffset;
    /** The next offset to assign (under the assigner's lock). */
    long next;
    /** Whether its {@code carrack_queue} row is committed (writer thread only). */
    boolean persisted;

    QueueState(long key, String topic, int queueId, long minOffset, long maxOffset) {
        this.key = key;
        this.topic = topic;
        this.queueId = queueId;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.next = maxOffset;
    }

    /** A queue read from the tables. */
    static QueueState loaded(long key, String topic, int queueId, long minOffset, long maxOffset) {
        QueueState q = new QueueState(key, topic, queueId, minOffset, maxOffset);
        q.persisted = true;
        return q;
    }

    @Override
    public String toString() {
        return topic + "/" + queueId + "[key " + key + ", " + minOffset + ".." + maxOffset + "]";
    }
}
