package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashSet;
import java.util.Set;

/** Body of LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42). */
public final class LockBatchRequestBody {
    private String consumerGroup;
    private String clientId;
    private boolean onlyThisBroker;
    private Set<MessageQueue> mqSet = new HashSet<>();

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public boolean isOnlyThisBroker() {
        return onlyThisBroker;
    }

    public void setOnlyThisBroker(boolean onlyThisBroker) {
        this.onlyThisBroker = onlyThisBroker;
    }

    public Set<MessageQueue> getMqSet() {
        return mqSet;
    }

    public void setMqSet(Set<MessageQueue> mqSet) {
        this.mqSet = mqSet;
    }
}
