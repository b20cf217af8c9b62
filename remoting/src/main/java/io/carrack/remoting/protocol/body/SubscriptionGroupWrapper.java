package io.carrack.remoting.protocol.body;

import io.carrack.remoting.protocol.route.DataVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * Response body of GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), and the broker's subscriptionGroup.json:
 * {@code {"dataVersion":{...},"subscriptionGroupTable":{name:SubscriptionGroupConfig}}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class SubscriptionGroupWrapper {
    private Map<String, SubscriptionGroupConfig> subscriptionGroupTable = new HashMap<>();
    private DataVersion dataVersion = new DataVersion();

    public SubscriptionGroupWrapper() {
    }

    /** Groups by name. */
    public Map<String, SubscriptionGroupConfig> getSubscriptionGroupTable() {
        return subscriptionGroupTable;
    }

    public void setSubscriptionGroupTable(Map<String, SubscriptionGroupConfig> subscriptionGroupTable) {
        this.subscriptionGroupTable = subscriptionGroupTable;
    }

    /** Version of the table. */
    public DataVersion getDataVersion() {
        return dataVersion;
    }

    public void setDataVersion(DataVersion dataVersion) {
        this.dataVersion = dataVersion;
    }
}
