package io.carrack.store.lmdb.internal;

/**
 * The committed bounds of one queue: {@code [minOffset, maxOffset)}. Written only by the writer thread after a
 * commit, read by anyone.
 *
 * <p>Thread safety: fields are volatile; single writer.
 */
final class QueueState {
    private final String topic;
    private final int queueId;
    private final byte[] topicBytes;
    private volatile long minOffset;
    private volatile long maxOffset;

    QueueState(String topic, int queueId, long minOffset, long maxOffset) {
        this.topic = topic;
        this.queueId = queueId;
        this.topicBytes = LmdbLayout.topicBytes(topic);
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    /** The topic's UTF-8 bytes (do not modify). */
    byte[] topicBytes() {
        return topicBytes;
    }

    long minOffset() {
        return minOffset;
    }

    long maxOffset() {
        return maxOffset;
    }

    void minOffset(long min) {
        this.minOffset = min;
    }

    void maxOffset(long max) {
        this.maxOffset = max;
    }

    @Override
    public String toString() {
        return topic + "/" + queueId + "[" + minOffset + ", " + maxOffset + ")";
    }
}
