package io.carrack.remoting.protocol.body;

import java.util.HashMap;
import java.util.Map;

/**
 * Response body of GET_ALL_CONSUMER_OFFSET (43), and the broker's consumerOffset.json:
 * {@code {"offsetTable":{"topic@group":{queueId:offset}}}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ConsumerOffsetSerializeWrapper {
    private Map<String, Map<Integer, Long>> offsetTable = new HashMap<>();

    public ConsumerOffsetSerializeWrapper() {
    }

    /** Offsets by {@code topic@group}, then queue id. */
    public Map<String, Map<Integer, Long>> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<String, Map<Integer, Long>> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
