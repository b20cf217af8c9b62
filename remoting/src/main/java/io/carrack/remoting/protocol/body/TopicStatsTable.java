package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;

/**
 * Response body of GET_TOPIC_STATS_INFO (202): offsets per queue. The map keys are written as JSON
 * objects, as the RocketMQ client expects.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class TopicStatsTable {
    private Map<MessageQueue, TopicOffset> offsetTable = new HashMap<>();

    public TopicStatsTable() {
    }

    /** Offsets by queue. */
    public Map<MessageQueue, TopicOffset> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, TopicOffset> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
