package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;

/**
 * Body of INVOKE_BROKER_TO_RESET_OFFSET responses and RESET_CONSUMER_CLIENT_OFFSET requests:
 * {@code {"offsetTable":{MessageQueue:offset}}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ResetOffsetBody {
    private Map<MessageQueue, Long> offsetTable = new HashMap<>();

    public ResetOffsetBody() {
    }

    /** New offsets by queue. */
    public Map<MessageQueue, Long> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, Long> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
