package io.carrack.remoting.protocol.body;

/**
 * Offsets of one queue in a {@link TopicStatsTable}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class TopicOffset {
    private long minOffset;
    private long maxOffset;
    private long lastUpdateTimestamp;

    public TopicOffset() {
    }

    /** Smallest offset still stored. */
    public long getMinOffset() {
        return minOffset;
    }

    public void setMinOffset(long minOffset) {
        this.minOffset = minOffset;
    }

    /** One past the last offset. */
    public long getMaxOffset() {
        return maxOffset;
    }

    public void setMaxOffset(long maxOffset) {
        this.maxOffset = maxOffset;
    }

    /** Store time of the message at {@code maxOffset - 1}, or 0. */
    public long getLastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }

    public void setLastUpdateTimestamp(long lastUpdateTimestamp) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
    }
}
