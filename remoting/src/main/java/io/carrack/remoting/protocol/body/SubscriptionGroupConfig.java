package io.carrack.remoting.protocol.body;

import java.util.Objects;

/**
 * A consumer group's settings on a broker; body of UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200). Defaults
 * are RocketMQ's: {@code {"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,"consumeFromMinEnable":true,
 * "groupName":"CG","notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,
 * "whichBrokerWhenConsumeSlowly":1}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class SubscriptionGroupConfig {
    private String groupName;
    private boolean consumeEnable = true;
    private boolean consumeFromMinEnable = true;
    private boolean consumeBroadcastEnable = true;
    private int retryQueueNums = 1;
    private int retryMaxTimes = 16;
    private long brokerId;
    private long whichBrokerWhenConsumeSlowly = 1;
    private boolean notifyConsumerIdsChangedEnable = true;

    public SubscriptionGroupConfig() {
    }

    /** The group. */
    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    /** Whether the group may pull. */
    public boolean isConsumeEnable() {
        return consumeEnable;
    }

    public void setConsumeEnable(boolean consumeEnable) {
        this.consumeEnable = consumeEnable;
    }

    /** Whether a new group may start from the min offset. */
    public boolean isConsumeFromMinEnable() {
        return consumeFromMinEnable;
    }

    public void setConsumeFromMinEnable(boolean consumeFromMinEnable) {
        this.consumeFromMinEnable = consumeFromMinEnable;
    }

    /** Whether broadcasting consumers may pull. */
    public boolean isConsumeBroadcastEnable() {
        return consumeBroadcastEnable;
    }

    public void setConsumeBroadcastEnable(boolean consumeBroadcastEnable) {
        this.consumeBroadcastEnable = consumeBroadcastEnable;
    }

    /** Queues of the group's retry topic. */
    public int getRetryQueueNums() {
        return retryQueueNums;
    }

    public void setRetryQueueNums(int retryQueueNums) {
        this.retryQueueNums = retryQueueNums;
    }

    /** Retries before a message goes to the DLQ. */
    public int getRetryMaxTimes() {
        return retryMaxTimes;
    }

    public void setRetryMaxTimes(int retryMaxTimes) {
        this.retryMaxTimes = retryMaxTimes;
    }

    /** Broker id to suggest for pulls. */
    public long getBrokerId() {
        return brokerId;
    }

    public void setBrokerId(long brokerId) {
        this.brokerId = brokerId;
    }

    /** Broker id to suggest when the group lags. */
    public long getWhichBrokerWhenConsumeSlowly() {
        return whichBrokerWhenConsumeSlowly;
    }

    public void setWhichBrokerWhenConsumeSlowly(long whichBrokerWhenConsumeSlowly) {
        this.whichBrokerWhenConsumeSlowly = whichBrokerWhenConsumeSlowly;
    }

    /** Whether consumers are told of membership changes. */
    public boolean isNotifyConsumerIdsChangedEnable() {
        return notifyConsumerIdsChangedEnable;
    }

    public void setNotifyConsumerIdsChangedEnable(boolean notifyConsumerIdsChangedEnable) {
        this.notifyConsumerIdsChangedEnable = notifyConsumerIdsChangedEnable;
    }

    /** A group config with RocketMQ's defaults. */
    public static SubscriptionGroupConfig defaults(String groupName) {
        SubscriptionGroupConfig c = new SubscriptionGroupConfig();
        c.groupName = groupName;
        return c;
    }

    /** A field-by-field copy. */
    public SubscriptionGroupConfig copy() {
        SubscriptionGroupConfig c = new SubscriptionGroupConfig();
        c.groupName = groupName;
        c.consumeEnable = consumeEnable;
        c.consumeFromMinEnable = consumeFromMinEnable;
        c.consumeBroadcastEnable = consumeBroadcastEnable;
        c.retryQueueNums = retryQueueNums;
        c.retryMaxTimes = retryMaxTimes;
        c.brokerId = brokerId;
        c.whichBrokerWhenConsumeSlowly = whichBrokerWhenConsumeSlowly;
        c.notifyConsumerIdsChangedEnable = notifyConsumerIdsChangedEnable;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionGroupConfig c && Objects.equals(groupName, c.groupName)
                && consumeEnable == c.consumeEnable && consumeFromMinEnable == c.consumeFromMinEnable
                && consumeBroadcastEnable == c.consumeBroadcastEnable && retryQueueNums == c.retryQueueNums
                && retryMaxTimes == c.retryMaxTimes && brokerId == c.brokerId
                && whichBrokerWhenConsumeSlowly == c.whichBrokerWhenConsumeSlowly
                && notifyConsumerIdsChangedEnable == c.notifyConsumerIdsChangedEnable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupName, consumeEnable, retryQueueNums, retryMaxTimes, brokerId);
    }

    @Override
    public String toString() {
        return "SubscriptionGroupConfig[groupName=" + groupName + ", consumeEnable=" + consumeEnable
                + ", consumeFromMinEnable=" + consumeFromMinEnable + ", consumeBroadcastEnable="
                + consumeBroadcastEnable + ", retryQueueNums=" + retryQueueNums + ", retryMaxTimes=" + retryMaxTimes
                + ", brokerId=" + brokerId + ", whichBrokerWhenConsumeSlowly=" + whichBrokerWhenConsumeSlowly
                + ", notifyConsumerIdsChangedEnable=" + notifyConsumerIdsChangedEnable + "]";
    }
}
