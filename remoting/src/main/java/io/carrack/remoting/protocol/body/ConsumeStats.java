package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;

/**
 * Response body of GET_CONSUME_STATS (208): a group's progress per queue and its pull rate.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ConsumeStats {
    private Map<MessageQueue, OffsetWrapper> offsetTable = new HashMap<>();
    private double consumeTps;

    public ConsumeStats() {
    }

    /** Progress by queue. */
    public Map<MessageQueue, OffsetWrapper> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, OffsetWrapper> offsetTable) {
        this.offsetTable = offsetTable;
    }

    /** The group's pull rate, messages per second. */
    public double getConsumeTps() {
        return consumeTps;
    }

    public void setConsumeTps(double consumeTps) {
        this.consumeTps = consumeTps;
    }

    /** The total lag: the sum of {@code brokerOffset - consumerOffset} over all queues. */
    public long computeTotalDiff() {
        long diff = 0;
        for (OffsetWrapper w : offsetTable.values()) {
            diff += w.getBrokerOffset() - w.getConsumerOffset();
        }
        return diff;
    }
}
