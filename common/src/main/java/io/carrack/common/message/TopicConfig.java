package io.carrack.common.message;

import java.util.Objects;

/**
 * A topic's configuration on one broker. A JavaBean because it travels as JSON in the RocketMQ
 * shape: {@code {"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG",
 * "topicName":"T","topicSysFlag":0,"writeQueueNums":4}}.
 *
 * <p>Thread safety: not thread-safe; owners copy before sharing.
 */
public final class TopicConfig {
    /** Default queue count of auto-created topics. */
    public static final int DEFAULT_QUEUE_NUMS = 8;

    private String topicName;
    private int readQueueNums = DEFAULT_QUEUE_NUMS;
    private int writeQueueNums = DEFAULT_QUEUE_NUMS;
    private int perm = PermName.PERM_READ | PermName.PERM_WRITE;
    private TopicFilterType topicFilterType = TopicFilterType.SINGLE_TAG;
    private int topicSysFlag;
    private boolean order;

    public TopicConfig() {
    }

    public TopicConfig(String topicName) {
        this.topicName = topicName;
    }

    public TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm) {
        this.topicName = topicName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
    }

    /** A field-by-field copy. */
    public TopicConfig copy() {
        TopicConfig c = new TopicConfig(topicName, readQueueNums, writeQueueNums, perm);
        c.topicFilterType = topicFilterType;
        c.topicSysFlag = topicSysFlag;
        c.order = order;
        return c;
    }

    public String getTopicName() {
        return topicName;
    }

    public void setTopicName(String topicName) {
        this.topicName = topicName;
    }

    public int getReadQueueNums() {
        return readQueueNums;
    }

    public void setReadQueueNums(int readQueueNums) {
        this.readQueueNums = readQueueNums;
    }

    public int getWriteQueueNums() {
        return writeQueueNums;
    }

    public void setWriteQueueNums(int writeQueueNums) {
        this.writeQueueNums = writeQueueNums;
    }

    public int getPerm() {
        return perm;
    }

    public void setPerm(int perm) {
        this.perm = perm;
    }

    public TopicFilterType getTopicFilterType() {
        return topicFilterType;
    }

    public void setTopicFilterType(TopicFilterType topicFilterType) {
        this.topicFilterType = topicFilterType;
    }

    public int getTopicSysFlag() {
        return topicSysFlag;
    }

    public void setTopicSysFlag(int topicSysFlag) {
        this.topicSysFlag = topicSysFlag;
    }

    public boolean isOrder() {
        return order;
    }

    public void setOrder(boolean order) {
        this.order = order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicConfig t && Objects.equals(topicName, t.topicName) && readQueueNums == t.readQueueNums
                && writeQueueNums == t.writeQueueNums && perm == t.perm && topicFilterType == t.topicFilterType
                && topicSysFlag == t.topicSysFlag && order == t.order;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, readQueueNums, writeQueueNums, perm, topicFilterType, topicSysFlag, order);
    }

    @Override
    public String toString() {
        return "TopicConfig[topicName=" + topicName + ", readQueueNums=" + readQueueNums + ", writeQueueNums="
                + writeQueueNums + ", perm=" + PermName.toText(perm) + ", topicFilterType=" + topicFilterType
                + ", topicSysFlag=" + topicSysFlag + ", order=" + order + "]";
    }
}
