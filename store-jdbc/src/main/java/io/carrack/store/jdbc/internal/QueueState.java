package io.carrack.store.jdbc.internal;

/**
 * One (topic, queue): its key in {@code carrack_queue}, the readable range, and the writer's next offset.
 *
 * <p>Thread safety: {@link #minOffset} and {@link #maxOffset} are published by the writer (and retention)
 * after commit and read by any thread; {@link #next} belongs to the writer thread alone.
 */
final class QueueState {
    final long key;
    final String topic;
    final int queueId;
    /** First readable offset. */
    volatile long minOffset;
    /** One past the last committed offset. */
    volatile long maxOffset;
    /** The next offset the writer assigns (writer thread only). */
    long next;

    QueueState(long key, String topic, int queueId, long minOffset, long maxOffset) {
        this.key = key;
        this.topic = topic;
        this.queueId = queueId;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.next = maxOffset;
    }

    @Override
    public String toString() {
        return topic + "/" + queueId + "[key " + key + ", " + minOffset + ".." + maxOffset + "]";
    }
}
