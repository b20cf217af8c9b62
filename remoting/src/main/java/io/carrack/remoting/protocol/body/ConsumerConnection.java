package io.carrack.remoting.protocol.body;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Response body of GET_CONSUMER_CONNECTION_LIST (203): a group's live connections and its subscriptions.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ConsumerConnection {
    private Set<Connection> connectionSet = new HashSet<>();
    private Map<String, SubscriptionData> subscriptionTable = new HashMap<>();
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;

    public ConsumerConnection() {
    }

    /** Live connections of the group. */
    public Set<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(Set<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }

    /** Subscriptions by topic. */
    public Map<String, SubscriptionData> getSubscriptionTable() {
        return subscriptionTable;
    }

    public void setSubscriptionTable(Map<String, SubscriptionData> subscriptionTable) {
        this.subscriptionTable = subscriptionTable;
    }

    /** How the group consumes. */
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

    /** Where the group starts without an offset. */
    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }
}
