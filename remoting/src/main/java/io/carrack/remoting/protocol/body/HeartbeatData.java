package io.carrack.remoting.protocol.body;

import java.util.HashSet;
import java.util.Set;

/**
 * Body of HEART_BEAT (34): the client id and the producer and consumer groups of a client instance.
 * JSON: {@code {"clientID":"ip@pid#nanos","consumerDataSet":[...],"producerDataSet":[{"groupName":"PG"}]}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class HeartbeatData {
    private String clientID;
    private Set<ProducerData> producerDataSet = new HashSet<>();
    private Set<ConsumerData> consumerDataSet = new HashSet<>();

    public HeartbeatData() {
    }

    /** {@code clientIP@instanceName[@unitName]}. */
    public String getClientID() {
        return clientID;
    }

    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    /** Producer groups of the instance. */
    public Set<ProducerData> getProducerDataSet() {
        return producerDataSet;
    }

    public void setProducerDataSet(Set<ProducerData> producerDataSet) {
        this.producerDataSet = producerDataSet;
    }

    /** Consumer groups of the instance. */
    public Set<ConsumerData> getConsumerDataSet() {
        return consumerDataSet;
    }

    public void setConsumerDataSet(Set<ConsumerData> consumerDataSet) {
        this.consumerDataSet = consumerDataSet;
    }

    @Override
    public String toString() {
        return "HeartbeatData[clientID=" + clientID + ", producerDataSet=" + producerDataSet + ", consumerDataSet="
                + consumerDataSet + "]";
    }
}
