package io.carrack.remoting.protocol.route;

import java.util.Objects;

/**
 * One broker name's queues of a topic, as the name server holds and returns them. JSON:
 * {@code {"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}}.
 *
 * <p>Thread safety: not thread-safe; the name server copies before handing it out.
 */
public final class QueueData {
    private String brokerName;
    private int readQueueNums;
    private int writeQueueNums;
    private int perm;
    private int topicSysFlag;

    public QueueData() {
    }

    public QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
        this.brokerName = brokerName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
        this.topicSysFlag = topicSysFlag;
    }

    /** A field-by-field copy. */
    public QueueData copy() {
        return new QueueData(brokerName, readQueueNums, writeQueueNums, perm, topicSysFlag);
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
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

    public int getTopicSysFlag() {
        return topicSysFlag;
    }

    public void setTopicSysFlag(int topicSysFlag) {
        this.topicSysFlag = topicSysFlag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueData q && Objects.equals(brokerName, q.brokerName)
                && readQueueNums == q.readQueueNums && writeQueueNums == q.writeQueueNums && perm == q.perm
                && topicSysFlag == q.topicSysFlag;
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerName, readQueueNums, writeQueueNums, perm, topicSysFlag);
    }

    @Override
    public String toString() {
        return "QueueData[brokerName=" + brokerName + ", readQueueNums=" + readQueueNums + ", writeQueueNums="
                + writeQueueNums + ", perm=" + perm + ", topicSysFlag=" + topicSysFlag + "]";
    }
}
