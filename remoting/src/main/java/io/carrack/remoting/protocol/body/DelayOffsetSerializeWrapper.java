package io.carrack.remoting.protocol.body;

import java.util.HashMap;
import java.util.Map;

/**
 * Response body of GET_ALL_DELAY_OFFSET (45), and the broker's delayOffset.json:
 * {@code {"offsetTable":{delayLevel:offset}}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class DelayOffsetSerializeWrapper {
    private Map<Integer, Long> offsetTable = new HashMap<>();

    public DelayOffsetSerializeWrapper() {
    }

    /** Schedule-queue progress by delay level. */
    public Map<Integer, Long> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<Integer, Long> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
