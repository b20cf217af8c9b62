package io.carrack.remoting.protocol.route;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A set of topic names, with an optional broker address: body of the topic-list calls (206, 224, 304,
 * 311-313) and of GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305). JSON:
 * {@code {"brokerAddr":"10.0.0.1:10911","topicList":["TopicTest","TBW102"]}}.
 *
 * <p>Thread safety: not thread-safe.
 */
public final class TopicList {
    private Set<String> topicList = new LinkedHashSet<>();
    private String brokerAddr;

    public Set<String> getTopicList() {
        return topicList;
    }

    public void setTopicList(Set<String> topicList) {
        this.topicList = topicList == null ? new LinkedHashSet<>() : topicList;
    }

    /** A broker address to ask next (only in GET_SYSTEM_TOPIC_LIST_FROM_NS responses), or null. */
    public String getBrokerAddr() {
        return brokerAddr;
    }

    public void setBrokerAddr(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }

    @Override
    public String toString() {
        return "TopicList[topicList=" + topicList + ", brokerAddr=" + brokerAddr + "]";
    }
}
