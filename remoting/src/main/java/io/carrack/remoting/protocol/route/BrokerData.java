package io.carrack.remoting.protocol.route;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The addresses of one broker name: id 0 is the master, ids 1 and up are slaves. JSON (keys quoted,
 * which the 4.9.x client accepts; it also accepts fastjson 1.x's bare numbers when reading):
 * {@code {"brokerAddrs":{"0":"10.0.0.1:10911","1":"10.0.0.2:10911"},"brokerName":"broker-a",
 * "cluster":"DefaultCluster"}}.
 *
 * <p>Thread safety: not thread-safe; the name server copies before handing it out.
 */
public final class BrokerData {
    /** The broker id of a master. */
    public static final long MASTER_ID = 0L;

    private String cluster;
    private String brokerName;
    private Map<Long, String> brokerAddrs = new TreeMap<>();

    public BrokerData() {
    }

    public BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
        this.cluster = cluster;
        this.brokerName = brokerName;
        setBrokerAddrs(brokerAddrs);
    }

    /** A copy with its own address map. */
    public BrokerData copy() {
        return new BrokerData(cluster, brokerName, brokerAddrs);
    }

    /** The master's address (id 0), or null when there is no master. */
    public String masterAddr() {
        return brokerAddrs.get(MASTER_ID);
    }

    /** The master's address, else the address with the lowest id, else null. */
    public String anyAddr() {
        String master = masterAddr();
        if (master != null || brokerAddrs.isEmpty()) {
            return master;
        }
        return brokerAddrs.values().iterator().next();
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    /** Broker id to {@code ip:port}, ordered by id; mutable. */
    public Map<Long, String> getBrokerAddrs() {
        return brokerAddrs;
    }

    public void setBrokerAddrs(Map<Long, String> brokerAddrs) {
        this.brokerAddrs = brokerAddrs == null ? new TreeMap<>() : new TreeMap<>(brokerAddrs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerData b && Objects.equals(cluster, b.cluster)
                && Objects.equals(brokerName, b.brokerName) && Objects.equals(brokerAddrs, b.brokerAddrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, brokerName, brokerAddrs);
    }

    @Override
    public String toString() {
        return "BrokerData[cluster=" + cluster + ", brokerName=" + brokerName + ", brokerAddrs=" + brokerAddrs + "]";
    }
}
