package io.carrack.remoting.protocol.body;

import java.util.HashSet;
import java.util.Set;

/**
 * One consumer group of a {@code HeartbeatData} (PROTOCOL.md section 7.2).
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ConsumerData {
    private String groupName;
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;
    private Set<SubscriptionData> subscriptionDataSet = new HashSet<>();
    private boolean unitMode;

    public ConsumerData() {
    }

    /** The consumer group. */
    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    /** Push (passive) or pull (active). */
    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public void setConsumeType(ConsumeType consumeType) {
        this.consumeType = consumeType;
    }

    /** Clustering or broadcasting. */
    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    /** Where to start without a stored offset. */
    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    /** The group's subscriptions on this client, one per topic. */
    public Set<SubscriptionData> getSubscriptionDataSet() {
        return subscriptionDataSet;
    }

    public void setSubscriptionDataSet(Set<SubscriptionData> subscriptionDataSet) {
        this.subscriptionDataSet = subscriptionDataSet;
    }

    /** Unit mode; normally false. */
    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    @Override
    public String toString() {
        return "ConsumerData[groupName=" + groupName + ", consumeType=" + consumeType + ", messageModel="
                + messageModel + ", consumeFromWhere=" + consumeFromWhere + ", subscriptionDataSet="
                + subscriptionDataSet + ", unitMode=" + unitMode + "]";
    }
}
