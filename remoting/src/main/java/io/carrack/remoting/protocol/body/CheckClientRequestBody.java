package io.carrack.remoting.protocol.body;

/**
 * Body of CHECK_CLIENT_CONFIG (46): a subscription the broker must be able to filter.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class CheckClientRequestBody {
    private String clientId;
    private String group;
    private SubscriptionData subscriptionData;

    public CheckClientRequestBody() {
    }

    /** The client. */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The consumer group. */
    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    /** The subscription to check. */
    public SubscriptionData getSubscriptionData() {
        return subscriptionData;
    }

    public void setSubscriptionData(SubscriptionData subscriptionData) {
        this.subscriptionData = subscriptionData;
    }
}
