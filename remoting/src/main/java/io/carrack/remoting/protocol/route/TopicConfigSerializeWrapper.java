package io.carrack.remoting.protocol.route;

import io.carrack.common.message.TopicConfig;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A broker's topic table with its version: part of {@link RegisterBrokerBody}, and the body of
 * GET_ALL_TOPIC_CONFIG (21) responses. JSON: {@code {"dataVersion":{"counter":3,"timestamp":...},
 * "topicConfigTable":{"TopicTest":{TopicConfig}}}}.
 *
 * <p>Thread safety: the table is concurrent; the version is not guarded.
 */
public final class TopicConfigSerializeWrapper {
    private ConcurrentMap<String, TopicConfig> topicConfigTable = new ConcurrentHashMap<>();
    private DataVersion dataVersion = new DataVersion();

    public TopicConfigSerializeWrapper() {
    }

    public TopicConfigSerializeWrapper(ConcurrentMap<String, TopicConfig> topicConfigTable, DataVersion dataVersion) {
        setTopicConfigTable(topicConfigTable);
        setDataVersion(dataVersion);
    }

    /** Topic name to its configuration. */
    public ConcurrentMap<String, TopicConfig> getTopicConfigTable() {
        return topicConfigTable;
    }

    public void setTopicConfigTable(ConcurrentMap<String, TopicConfig> topicConfigTable) {
        this.topicConfigTable = topicConfigTable == null ? new ConcurrentHashMap<>() : topicConfigTable;
    }

    public DataVersion getDataVersion() {
        return dataVersion;
    }

    public void setDataVersion(DataVersion dataVersion) {
        this.dataVersion = dataVersion == null ? new DataVersion() : dataVersion;
    }

    @Override
    public String toString() {
        return "TopicConfigSerializeWrapper[dataVersion=" + dataVersion + ", topics=" + topicConfigTable.keySet() + "]";
    }
}
