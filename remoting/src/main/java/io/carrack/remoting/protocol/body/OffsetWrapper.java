package io.carrack.remoting.protocol.body;

/**
 * Progress of a group on one queue in {@link ConsumeStats}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class OffsetWrapper {
    private long brokerOffset;
    private long consumerOffset;
    private long lastTimestamp;

    public OffsetWrapper() {
    }

    /** The queue's max offset. */
    public long getBrokerOffset() {
        return brokerOffset;
    }

    public void setBrokerOffset(long brokerOffset) {
        this.brokerOffset = brokerOffset;
    }

    /** The group's stored offset, or 0. */
    public long getConsumerOffset() {
        return consumerOffset;
    }

    public void setConsumerOffset(long consumerOffset) {
        this.consumerOffset = consumerOffset;
    }

    /** Store time of the message at {@code consumerOffset - 1}, or 0. */
    public long getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(long lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }
}
