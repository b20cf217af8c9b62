package io.carrack.remoting.protocol.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The route of a topic: body of a GET_ROUTEINFO_BY_TOPIC (105) response. JSON:
 * {@code {"brokerDatas":[...],"filterServerTable":{},"queueDatas":[...]}}, plus {@code orderTopicConf}
 * when the topic is ordered ({@code "broker-a:4;broker-b:4"}).
 *
 * <p>Thread safety: not thread-safe.
 */
public final class TopicRouteData {
    private String orderTopicConf;
    private List<QueueData> queueDatas = new ArrayList<>();
    private List<BrokerData> brokerDatas = new ArrayList<>();
    private Map<String, List<String>> filterServerTable = new HashMap<>();

    public String getOrderTopicConf() {
        return orderTopicConf;
    }

    public void setOrderTopicConf(String orderTopicConf) {
        this.orderTopicConf = orderTopicConf;
    }

    public List<QueueData> getQueueDatas() {
        return queueDatas;
    }

    public void setQueueDatas(List<QueueData> queueDatas) {
        this.queueDatas = queueDatas == null ? new ArrayList<>() : queueDatas;
    }

    public List<BrokerData> getBrokerDatas() {
        return brokerDatas;
    }

    public void setBrokerDatas(List<BrokerData> brokerDatas) {
        this.brokerDatas = brokerDatas == null ? new ArrayList<>() : brokerDatas;
    }

    /** Broker address to the addresses of its filter servers; empty when there are none. */
    public Map<String, List<String>> getFilterServerTable() {
        return filterServerTable;
    }

    public void setFilterServerTable(Map<String, List<String>> filterServerTable) {
        this.filterServerTable = filterServerTable == null ? new HashMap<>() : filterServerTable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicRouteData t && Objects.equals(orderTopicConf, t.orderTopicConf)
                && Objects.equals(queueDatas, t.queueDatas) && Objects.equals(brokerDatas, t.brokerDatas)
                && Objects.equals(filterServerTable, t.filterServerTable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderTopicConf, queueDatas, brokerDatas, filterServerTable);
    }

    @Override
    public String toString() {
        return "TopicRouteData[orderTopicConf=" + orderTopicConf + ", queueDatas=" + queueDatas + ", brokerDatas="
                + brokerDatas + ", filterServerTable=" + filterServerTable + "]";
    }
}
