package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;

/**
 * Body of GET_CONSUMER_STATUS_FROM_CLIENT replies ({@code messageQueueTable}) and of
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS responses ({@code consumerTable}).
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class GetConsumerStatusBody {
    private Map<MessageQueue, Long> messageQueueTable = new HashMap<>();
    private Map<String, Map<MessageQueue, Long>> consumerTable = new HashMap<>();

    public GetConsumerStatusBody() {
    }

    /** One client's offsets by queue. */
    public Map<MessageQueue, Long> getMessageQueueTable() {
        return messageQueueTable;
    }

    public void setMessageQueueTable(Map<MessageQueue, Long> messageQueueTable) {
        this.messageQueueTable = messageQueueTable;
    }

    /** Offsets by client id, then queue. */
    public Map<String, Map<MessageQueue, Long>> getConsumerTable() {
        return consumerTable;
    }

    public void setConsumerTable(Map<String, Map<MessageQueue, Long>> consumerTable) {
        this.consumerTable = consumerTable;
    }
}
