package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashSet;
import java.util.Set;

/**
 * Body of UNLOCK_BATCH_MQ (42): the same shape as {@link LockBatchRequestBody}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class UnlockBatchRequestBody {
    private String consumerGroup;
    private String clientId;
    private boolean onlyThisBroker;
    private Set<MessageQueue> mqSet = new HashSet<>();

    public UnlockBatchRequestBody() {
    }

    /** The consumer group. */
    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    /** The client releasing the locks. */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** Unused by the broker. */
    public boolean isOnlyThisBroker() {
        return onlyThisBroker;
    }

    public void setOnlyThisBroker(boolean onlyThisBroker) {
        this.onlyThisBroker = onlyThisBroker;
    }

    /** Queues to unlock. */
    public Set<MessageQueue> getMqSet() {
        return mqSet;
    }

    public void setMqSet(Set<MessageQueue> mqSet) {
        this.mqSet = mqSet;
    }
}
