package io.carrack.remoting.protocol.route;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every broker the name server knows, by name and by cluster: body of a GET_BROKER_CLUSTER_INFO (106)
 * response. JSON: {@code {"brokerAddrTable":{"broker-a":{BrokerData}},"clusterAddrTable":
 * {"DefaultCluster":["broker-a"]}}}.
 *
 * <p>Thread safety: not thread-safe.
 */
public final class ClusterInfo {
    private Map<String, BrokerData> brokerAddrTable = new HashMap<>();
    private Map<String, Set<String>> clusterAddrTable = new HashMap<>();

    /** Broker name to its addresses. */
    public Map<String, BrokerData> getBrokerAddrTable() {
        return brokerAddrTable;
    }

    public void setBrokerAddrTable(Map<String, BrokerData> brokerAddrTable) {
        this.brokerAddrTable = brokerAddrTable == null ? new HashMap<>() : brokerAddrTable;
    }

    /** Cluster name to the broker names in it. */
    public Map<String, Set<String>> getClusterAddrTable() {
        return clusterAddrTable;
    }

    public void setClusterAddrTable(Map<String, Set<String>> clusterAddrTable) {
        this.clusterAddrTable = clusterAddrTable == null ? new HashMap<>() : clusterAddrTable;
    }

    @Override
    public String toString() {
        return "ClusterInfo[brokerAddrTable=" + brokerAddrTable + ", clusterAddrTable=" + clusterAddrTable + "]";
    }
}
