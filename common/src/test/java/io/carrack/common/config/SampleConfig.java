package io.carrack.common.config;

/** A configuration bean for the binder tests, shaped like RocketMQ's config classes. */
public class SampleConfig {
    /** A sample enum key. */
    public enum FlushDiskType { SYNC_FLUSH, ASYNC_FLUSH }

    private String brokerName = "broker-a";
    private int listenPort = 10911;
    private long maxOffset = 1L << 40;
    private boolean autoCreateTopicEnable = true;
    private double diskMaxUsedRatio = 0.75;
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    private int mappedFileSizeConsumeQueue = 300_000 * 20;
    private Integer boxedCount;
    private int writeOnly;
    private int positive = 1;

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public long getMaxOffset() {
        return maxOffset;
    }

    public void setMaxOffset(long maxOffset) {
        this.maxOffset = maxOffset;
    }

    public boolean isAutoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    public void setAutoCreateTopicEnable(boolean autoCreateTopicEnable) {
        this.autoCreateTopicEnable = autoCreateTopicEnable;
    }

    public double getDiskMaxUsedRatio() {
        return diskMaxUsedRatio;
    }

    public void setDiskMaxUsedRatio(double diskMaxUsedRatio) {
        this.diskMaxUsedRatio = diskMaxUsedRatio;
    }

    public FlushDiskType getFlushDiskType() {
        return flushDiskType;
    }

    public void setFlushDiskType(FlushDiskType flushDiskType) {
        this.flushDiskType = flushDiskType;
    }

    public int getMappedFileSizeCommitLog() {
        return mappedFileSizeCommitLog;
    }

    @ConfigAlias("mapedFileSizeCommitLog")
    public void setMappedFileSizeCommitLog(int size) {
        this.mappedFileSizeCommitLog = size;
    }

    public int getMappedFileSizeConsumeQueue() {
        return mappedFileSizeConsumeQueue;
    }

    public void setMappedFileSizeConsumeQueue(int size) {
        this.mappedFileSizeConsumeQueue = size;
    }

    public Integer getBoxedCount() {
        return boxedCount;
    }

    public void setBoxedCount(Integer boxedCount) {
        this.boxedCount = boxedCount;
    }

    public void setWriteOnly(int writeOnly) {
        this.writeOnly = writeOnly;
    }

    public int writeOnlyValue() {
        return writeOnly;
    }

    public int getPositive() {
        return positive;
    }

    public void setPositive(int positive) {
        if (positive <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        this.positive = positive;
    }

    /** Not a key: unsupported parameter type. */
    public void setSomethingComplex(java.util.List<String> ignored) {
    }

    /** Not a key: static. */
    public static void setStaticThing(int ignored) {
    }
}
