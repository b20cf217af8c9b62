package io.carrack.broker;

import io.carrack.common.config.ConfigAlias;
import java.util.Map;

/**
 * The broker's settings, bound from broker.conf by their Apache RocketMQ key names (a setter per
 * key: key {@code listenPort} is {@link #setListenPort}). Setters validate: a bad value is refused
 * with an {@link IllegalArgumentException}, which the binder reports naming the key. Some keys can
 * be changed at run time (UPDATE_BROKER_CONFIG); readers see the latest value.
 *
 * <p>Store-specific keys ({@code store.<type>.*}) arrive in {@link #getStoreProperties()}.
 *
 * <p>Thread safety: fields are volatile; each setter is atomic, a set of changes is not.
 */
public final class BrokerConfig {
    /** Role of a broker: an asynchronously or synchronously replicating master, or a slave. */
    public enum BrokerRole { ASYNC_MASTER, SYNC_MASTER, SLAVE }

    /** When a put is acknowledged: after the bytes are in memory or after they are on disk. */
    public enum FlushDiskType { ASYNC_FLUSH, SYNC_FLUSH }

    private volatile String brokerClusterName = "DefaultCluster";
    private volatile String brokerName = "broker-a";
    private volatile long brokerId = 0;
    private volatile String namesrvAddr = null;
    private volatile String bindAddress = "0.0.0.0";
    private volatile int listenPort = 10911;
    private volatile String brokerIP1 = null;
    private volatile String brokerIP2 = null;
    private volatile String storePathRootDir = System.getProperty("user.home") + java.io.File.separator + "store";
    private volatile String storePathCommitLog = null;
    private volatile BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    private volatile FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    private volatile String deleteWhen = "04";
    private volatile int fileReservedTime = 72;
    private volatile int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    private volatile int mappedFileSizeConsumeQueue = 300_000 * 20;
    private volatile int maxMessageSize = 4 * 1024 * 1024;
    private volatile long syncFlushTimeout = 5000;
    private volatile int flushIntervalCommitLog = 500;
    private volatile int diskMaxUsedSpaceRatio = 75;
    private volatile String storeType = "mmap";
    private volatile boolean autoCreateTopicEnable = true;
    private volatile boolean autoCreateSubscriptionGroup = true;
    private volatile int defaultTopicQueueNums = 8;
    private volatile boolean clusterTopicEnable = true;
    private volatile boolean brokerTopicEnable = true;
    private volatile boolean traceTopicEnable = false;
    private volatile String msgTraceTopicName = "RMQ_SYS_TRACE_TOPIC";
    private volatile boolean enablePropertyFilter = false;
    private volatile boolean filterSupportRetry = false;
    private volatile int filterServerNums = 0;
    private volatile boolean longPollingEnable = true;
    private volatile long shortPollingTimeMills = 1000;
    private volatile String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    private volatile int sendMessageThreadPoolNums = 1;
    private volatile int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    private volatile int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    private volatile int adminBrokerThreadPoolNums = 16;
    private volatile int clientManageThreadPoolNums = 32;
    private volatile int consumerManageThreadPoolNums = 32;
    private volatile int endTransactionThreadPoolNums = Math.max(8 + Runtime.getRuntime().availableProcessors() * 2,
            sendMessageThreadPoolNums * 4);
    private volatile int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    private volatile int sendThreadPoolQueueCapacity = 10000;
    private volatile int pullThreadPoolQueueCapacity = 100000;
    private volatile int serverWorkerThreads = 8;
    private volatile int serverChannelMaxIdleTimeSeconds = 120;
    private volatile int brokerPermission = 6;
    private volatile int registerNameServerPeriod = 30000;
    private volatile int registerBrokerTimeoutMills = 6000;
    private volatile boolean forceRegister = true;
    private volatile boolean compressedRegister = false;
    private volatile boolean rejectTransactionMessage = false;
    private volatile long transactionTimeOut = 6_000;
    private volatile int transactionCheckMax = 15;
    private volatile long transactionCheckInterval = 60_000;
    private volatile String regionId = "DefaultRegion";
    private volatile boolean traceOn = true;
    private volatile boolean offsetCheckInSlave = false;
    private volatile boolean slaveReadEnable = false;
    private volatile int flushConsumerOffsetInterval = 5000;
    private volatile int flushDelayOffsetInterval = 10000;
    private volatile int defaultQueryMaxNum = 32;
    private volatile int maxMsgsNumBatch = 64;
    private volatile boolean notifyConsumerIdsChangedEnable = true;
    private volatile long channelExpiredTimeout = 120000;
    private volatile long startAcceptSendRequestTimeStamp = 0;
    private volatile String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv().getOrDefault("ROCKETMQ_HOME", "."));
    private volatile boolean aclEnable = false;
    private volatile int maxErrorRateOfBloomFilter = 20;
    private volatile boolean autoDeleteUnusedStats = false;
    private volatile Map<String, String> storeProperties = Map.of();

    /** A configuration with RocketMQ's defaults. */
    public BrokerConfig() {
    }

    /** Cluster the broker belongs to. */
    public String getBrokerClusterName() {
        return brokerClusterName;
    }

    public void setBrokerClusterName(String brokerClusterName) {
        requireNonBlank(brokerClusterName);
        this.brokerClusterName = brokerClusterName;
    }

    /** Broker name shared by a master and its slaves. */
    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        requireNonBlank(brokerName);
        this.brokerName = brokerName;
    }

    /** 0 for a master, 1 or more for a slave. */
    public long getBrokerId() {
        return brokerId;
    }

    public void setBrokerId(long brokerId) {
        requireNonNegative(brokerId);
        this.brokerId = brokerId;
    }

    /** Name servers, {@code host:port} separated by {@code ;}. */
    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    /** Address the broker listens on. */
    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        requireNonBlank(bindAddress);
        this.bindAddress = bindAddress;
    }

    /** Port the broker listens on; 0 picks a free one (tests). */
    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        requirePort(listenPort);
        this.listenPort = listenPort;
    }

    /** Address registered with name servers and written as store host; the first site-local address when unset. */
    public String getBrokerIP1() {
        return brokerIP1;
    }

    public void setBrokerIP1(String brokerIP1) {
        this.brokerIP1 = brokerIP1;
    }

    /** HA address; brokerIP1 when unset. */
    public String getBrokerIP2() {
        return brokerIP2;
    }

    public void setBrokerIP2(String brokerIP2) {
        this.brokerIP2 = brokerIP2;
    }

    /** Root directory of the store and of config/. */
    public String getStorePathRootDir() {
        return storePathRootDir;
    }

    public void setStorePathRootDir(String storePathRootDir) {
        requireNonBlank(storePathRootDir);
        this.storePathRootDir = storePathRootDir;
    }

    /** Commit-log directory; passed to the store as store property {@code storePathCommitLog}. */
    public String getStorePathCommitLog() {
        return storePathCommitLog;
    }

    public void setStorePathCommitLog(String storePathCommitLog) {
        this.storePathCommitLog = storePathCommitLog;
    }

    /** ASYNC_MASTER, SYNC_MASTER or SLAVE. */
    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public void setBrokerRole(BrokerRole brokerRole) {
        requireNonNull(brokerRole);
        this.brokerRole = brokerRole;
    }

    /** ASYNC_FLUSH or SYNC_FLUSH. */
    public FlushDiskType getFlushDiskType() {
        return flushDiskType;
    }

    public void setFlushDiskType(FlushDiskType flushDiskType) {
        requireNonNull(flushDiskType);
        this.flushDiskType = flushDiskType;
    }

    /** Hours of the day retention runs, e.g. {@code 04} or {@code 04;16}. */
    public String getDeleteWhen() {
        return deleteWhen;
    }

    public void setDeleteWhen(String deleteWhen) {
        requireNonBlank(deleteWhen);
        this.deleteWhen = deleteWhen;
    }

    /** Hours messages are kept. */
    public int getFileReservedTime() {
        return fileReservedTime;
    }

    public void setFileReservedTime(int fileReservedTime) {
        requirePositive(fileReservedTime);
        this.fileReservedTime = fileReservedTime;
    }

    /** Bytes per commit-log file. */
    public int getMappedFileSizeCommitLog() {
        return mappedFileSizeCommitLog;
    }

    @ConfigAlias("mapedFileSizeCommitLog")
    public void setMappedFileSizeCommitLog(int mappedFileSizeCommitLog) {
        requirePositive(mappedFileSizeCommitLog);
        this.mappedFileSizeCommitLog = mappedFileSizeCommitLog;
    }

    /** Bytes per consume-queue file. */
    public int getMappedFileSizeConsumeQueue() {
        return mappedFileSizeConsumeQueue;
    }

    @ConfigAlias("mapedFileSizeConsumeQueue")
    public void setMappedFileSizeConsumeQueue(int mappedFileSizeConsumeQueue) {
        requirePositive(mappedFileSizeConsumeQueue);
        this.mappedFileSizeConsumeQueue = mappedFileSizeConsumeQueue;
    }

    /** Largest message body accepted, bytes. */
    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        requirePositive(maxMessageSize);
        this.maxMessageSize = maxMessageSize;
    }

    /** Sync flush timeout, ms. */
    public long getSyncFlushTimeout() {
        return syncFlushTimeout;
    }

    public void setSyncFlushTimeout(long syncFlushTimeout) {
        requirePositive(syncFlushTimeout);
        this.syncFlushTimeout = syncFlushTimeout;
    }

    /** Async flush period, ms. */
    public int getFlushIntervalCommitLog() {
        return flushIntervalCommitLog;
    }

    public void setFlushIntervalCommitLog(int flushIntervalCommitLog) {
        requirePositive(flushIntervalCommitLog);
        this.flushIntervalCommitLog = flushIntervalCommitLog;
    }

    /** Disk use percent above which retention removes the oldest data. */
    public int getDiskMaxUsedSpaceRatio() {
        return diskMaxUsedSpaceRatio;
    }

    public void setDiskMaxUsedSpaceRatio(int diskMaxUsedSpaceRatio) {
        requirePercent(diskMaxUsedSpaceRatio);
        this.diskMaxUsedSpaceRatio = diskMaxUsedSpaceRatio;
    }

    /** Name of the store provider. */
    public String getStoreType() {
        return storeType;
    }

    public void setStoreType(String storeType) {
        requireNonBlank(storeType);
        this.storeType = storeType;
    }

    /** Whether sends may create topics from the default topic TBW102. */
    public boolean isAutoCreateTopicEnable() {
        return autoCreateTopicEnable;
    }

    public void setAutoCreateTopicEnable(boolean autoCreateTopicEnable) {
        this.autoCreateTopicEnable = autoCreateTopicEnable;
    }

    /** Whether unknown consumer groups are created on use. */
    public boolean isAutoCreateSubscriptionGroup() {
        return autoCreateSubscriptionGroup;
    }

    public void setAutoCreateSubscriptionGroup(boolean autoCreateSubscriptionGroup) {
        this.autoCreateSubscriptionGroup = autoCreateSubscriptionGroup;
    }

    /** Queues of TBW102 and of topics created without a count. */
    public int getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(int defaultTopicQueueNums) {
        requirePositive(defaultTopicQueueNums);
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    /** Whether the cluster name is registered as a topic. */
    public boolean isClusterTopicEnable() {
        return clusterTopicEnable;
    }

    public void setClusterTopicEnable(boolean clusterTopicEnable) {
        this.clusterTopicEnable = clusterTopicEnable;
    }

    /** Whether the broker name is registered as a topic. */
    public boolean isBrokerTopicEnable() {
        return brokerTopicEnable;
    }

    public void setBrokerTopicEnable(boolean brokerTopicEnable) {
        this.brokerTopicEnable = brokerTopicEnable;
    }

    /** Whether the message-trace topic is created. */
    public boolean isTraceTopicEnable() {
        return traceTopicEnable;
    }

    public void setTraceTopicEnable(boolean traceTopicEnable) {
        this.traceTopicEnable = traceTopicEnable;
    }

    /** Name of the message-trace topic. */
    public String getMsgTraceTopicName() {
        return msgTraceTopicName;
    }

    public void setMsgTraceTopicName(String msgTraceTopicName) {
        requireNonBlank(msgTraceTopicName);
        this.msgTraceTopicName = msgTraceTopicName;
    }

    /** Whether SQL92 subscriptions are accepted. */
    public boolean isEnablePropertyFilter() {
        return enablePropertyFilter;
    }

    public void setEnablePropertyFilter(boolean enablePropertyFilter) {
        this.enablePropertyFilter = enablePropertyFilter;
    }

    /** Whether SQL92 filters apply to retry topics too. */
    public boolean isFilterSupportRetry() {
        return filterSupportRetry;
    }

    public void setFilterSupportRetry(boolean filterSupportRetry) {
        this.filterSupportRetry = filterSupportRetry;
    }

    /** Filter server processes to start (not supported yet; must be 0 to take effect). */
    public int getFilterServerNums() {
        return filterServerNums;
    }

    public void setFilterServerNums(int filterServerNums) {
        requireNonNegative(filterServerNums);
        this.filterServerNums = filterServerNums;
    }

    /** Whether pulls with nothing to return are held until a message arrives. */
    public boolean isLongPollingEnable() {
        return longPollingEnable;
    }

    public void setLongPollingEnable(boolean longPollingEnable) {
        this.longPollingEnable = longPollingEnable;
    }

    /** Hold time of pulls when long polling is off, ms. */
    public long getShortPollingTimeMills() {
        return shortPollingTimeMills;
    }

    public void setShortPollingTimeMills(long shortPollingTimeMills) {
        requirePositive(shortPollingTimeMills);
        this.shortPollingTimeMills = shortPollingTimeMills;
    }

    /** Delay of each delay level, units s, m, h, d. */
    public String getMessageDelayLevel() {
        return messageDelayLevel;
    }

    public void setMessageDelayLevel(String messageDelayLevel) {
        requireDelayLevels(messageDelayLevel);
        this.messageDelayLevel = messageDelayLevel;
    }

    /** Threads handling sends. */
    public int getSendMessageThreadPoolNums() {
        return sendMessageThreadPoolNums;
    }

    public void setSendMessageThreadPoolNums(int sendMessageThreadPoolNums) {
        requirePositive(sendMessageThreadPoolNums);
        this.sendMessageThreadPoolNums = sendMessageThreadPoolNums;
    }

    /** Threads handling pulls. */
    public int getPullMessageThreadPoolNums() {
        return pullMessageThreadPoolNums;
    }

    public void setPullMessageThreadPoolNums(int pullMessageThreadPoolNums) {
        requirePositive(pullMessageThreadPoolNums);
        this.pullMessageThreadPoolNums = pullMessageThreadPoolNums;
    }

    /** Threads handling message queries. */
    public int getQueryMessageThreadPoolNums() {
        return queryMessageThreadPoolNums;
    }

    public void setQueryMessageThreadPoolNums(int queryMessageThreadPoolNums) {
        requirePositive(queryMessageThreadPoolNums);
        this.queryMessageThreadPoolNums = queryMessageThreadPoolNums;
    }

    /** Threads handling admin requests. */
    public int getAdminBrokerThreadPoolNums() {
        return adminBrokerThreadPoolNums;
    }

    public void setAdminBrokerThreadPoolNums(int adminBrokerThreadPoolNums) {
        requirePositive(adminBrokerThreadPoolNums);
        this.adminBrokerThreadPoolNums = adminBrokerThreadPoolNums;
    }

    /** Threads handling client management. */
    public int getClientManageThreadPoolNums() {
        return clientManageThreadPoolNums;
    }

    public void setClientManageThreadPoolNums(int clientManageThreadPoolNums) {
        requirePositive(clientManageThreadPoolNums);
        this.clientManageThreadPoolNums = clientManageThreadPoolNums;
    }

    /** Threads handling consumer offsets and lists. */
    public int getConsumerManageThreadPoolNums() {
        return consumerManageThreadPoolNums;
    }

    public void setConsumerManageThreadPoolNums(int consumerManageThreadPoolNums) {
        requirePositive(consumerManageThreadPoolNums);
        this.consumerManageThreadPoolNums = consumerManageThreadPoolNums;
    }

    /** Threads handling END_TRANSACTION. */
    public int getEndTransactionThreadPoolNums() {
        return endTransactionThreadPoolNums;
    }

    public void setEndTransactionThreadPoolNums(int endTransactionThreadPoolNums) {
        requirePositive(endTransactionThreadPoolNums);
        this.endTransactionThreadPoolNums = endTransactionThreadPoolNums;
    }

    /** Threads handling heartbeats. */
    public int getHeartbeatThreadPoolNums() {
        return heartbeatThreadPoolNums;
    }

    public void setHeartbeatThreadPoolNums(int heartbeatThreadPoolNums) {
        requirePositive(heartbeatThreadPoolNums);
        this.heartbeatThreadPoolNums = heartbeatThreadPoolNums;
    }

    /** Queued sends before SYSTEM_BUSY. */
    public int getSendThreadPoolQueueCapacity() {
        return sendThreadPoolQueueCapacity;
    }

    public void setSendThreadPoolQueueCapacity(int sendThreadPoolQueueCapacity) {
        requirePositive(sendThreadPoolQueueCapacity);
        this.sendThreadPoolQueueCapacity = sendThreadPoolQueueCapacity;
    }

    /** Queued pulls before SYSTEM_BUSY. */
    public int getPullThreadPoolQueueCapacity() {
        return pullThreadPoolQueueCapacity;
    }

    public void setPullThreadPoolQueueCapacity(int pullThreadPoolQueueCapacity) {
        requirePositive(pullThreadPoolQueueCapacity);
        this.pullThreadPoolQueueCapacity = pullThreadPoolQueueCapacity;
    }

    /** Netty I/O threads. */
    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public void setServerWorkerThreads(int serverWorkerThreads) {
        requirePositive(serverWorkerThreads);
        this.serverWorkerThreads = serverWorkerThreads;
    }

    /** Close client connections idle this long. */
    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public void setServerChannelMaxIdleTimeSeconds(int serverChannelMaxIdleTimeSeconds) {
        requirePositive(serverChannelMaxIdleTimeSeconds);
        this.serverChannelMaxIdleTimeSeconds = serverChannelMaxIdleTimeSeconds;
    }

    /** Broker permission: 6 read-write, 4 read-only, 2 write-only. */
    public int getBrokerPermission() {
        return brokerPermission;
    }

    public void setBrokerPermission(int brokerPermission) {
        requirePerm(brokerPermission);
        this.brokerPermission = brokerPermission;
    }

    /** Period of registrations with the name servers, ms (10000..60000). */
    public int getRegisterNameServerPeriod() {
        return registerNameServerPeriod;
    }

    public void setRegisterNameServerPeriod(int registerNameServerPeriod) {
        requirePositive(registerNameServerPeriod);
        this.registerNameServerPeriod = registerNameServerPeriod;
    }

    /** Timeout of a registration, ms. */
    public int getRegisterBrokerTimeoutMills() {
        return registerBrokerTimeoutMills;
    }

    public void setRegisterBrokerTimeoutMills(int registerBrokerTimeoutMills) {
        requirePositive(registerBrokerTimeoutMills);
        this.registerBrokerTimeoutMills = registerBrokerTimeoutMills;
    }

    /** Always send full registrations. */
    public boolean isForceRegister() {
        return forceRegister;
    }

    public void setForceRegister(boolean forceRegister) {
        this.forceRegister = forceRegister;
    }

    /** Send registration bodies compressed. */
    public boolean isCompressedRegister() {
        return compressedRegister;
    }

    public void setCompressedRegister(boolean compressedRegister) {
        this.compressedRegister = compressedRegister;
    }

    /** Refuse transactional (half) messages. */
    public boolean isRejectTransactionMessage() {
        return rejectTransactionMessage;
    }

    public void setRejectTransactionMessage(boolean rejectTransactionMessage) {
        this.rejectTransactionMessage = rejectTransactionMessage;
    }

    /** Age in ms (since birth) before an open half message is checked back with its producer. */
    public long getTransactionTimeOut() {
        return transactionTimeOut;
    }

    public void setTransactionTimeOut(long transactionTimeOut) {
        requireNonNegative(transactionTimeOut);
        this.transactionTimeOut = transactionTimeOut;
    }

    /** Check-backs of one half message before it is given up (moved to TRANS_CHECK_MAX_TIME_TOPIC). */
    public int getTransactionCheckMax() {
        return transactionCheckMax;
    }

    public void setTransactionCheckMax(int transactionCheckMax) {
        requirePositive(transactionCheckMax);
        this.transactionCheckMax = transactionCheckMax;
    }

    /** Period in ms of the transaction check-back scan. */
    public long getTransactionCheckInterval() {
        return transactionCheckInterval;
    }

    public void setTransactionCheckInterval(long transactionCheckInterval) {
        requirePositive(transactionCheckInterval);
        this.transactionCheckInterval = transactionCheckInterval;
    }

    /** Region reported in send responses (MSG_REGION). */
    public String getRegionId() {
        return regionId;
    }

    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    /** Trace switch reported in send responses (TRACE_ON). */
    public boolean isTraceOn() {
        return traceOn;
    }

    public void setTraceOn(boolean traceOn) {
        this.traceOn = traceOn;
    }

    /** Whether a slave reports moved offsets. */
    public boolean isOffsetCheckInSlave() {
        return offsetCheckInSlave;
    }

    public void setOffsetCheckInSlave(boolean offsetCheckInSlave) {
        this.offsetCheckInSlave = offsetCheckInSlave;
    }

    /** Whether consumers may be sent to slaves. */
    public boolean isSlaveReadEnable() {
        return slaveReadEnable;
    }

    public void setSlaveReadEnable(boolean slaveReadEnable) {
        this.slaveReadEnable = slaveReadEnable;
    }

    /** Period of consumerOffset.json writes, ms. */
    public int getFlushConsumerOffsetInterval() {
        return flushConsumerOffsetInterval;
    }

    public void setFlushConsumerOffsetInterval(int flushConsumerOffsetInterval) {
        requirePositive(flushConsumerOffsetInterval);
        this.flushConsumerOffsetInterval = flushConsumerOffsetInterval;
    }

    /** Period of delayOffset.json writes, ms. */
    public int getFlushDelayOffsetInterval() {
        return flushDelayOffsetInterval;
    }

    public void setFlushDelayOffsetInterval(int flushDelayOffsetInterval) {
        requirePositive(flushDelayOffsetInterval);
        this.flushDelayOffsetInterval = flushDelayOffsetInterval;
    }

    /** Messages returned by a unique-key query. */
    public int getDefaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public void setDefaultQueryMaxNum(int defaultQueryMaxNum) {
        requirePositive(defaultQueryMaxNum);
        this.defaultQueryMaxNum = defaultQueryMaxNum;
    }

    /** Cap of messages returned by a key query. */
    public int getMaxMsgsNumBatch() {
        return maxMsgsNumBatch;
    }

    public void setMaxMsgsNumBatch(int maxMsgsNumBatch) {
        requirePositive(maxMsgsNumBatch);
        this.maxMsgsNumBatch = maxMsgsNumBatch;
    }

    /** Whether consumers are told of membership changes. */
    public boolean isNotifyConsumerIdsChangedEnable() {
        return notifyConsumerIdsChangedEnable;
    }

    public void setNotifyConsumerIdsChangedEnable(boolean notifyConsumerIdsChangedEnable) {
        this.notifyConsumerIdsChangedEnable = notifyConsumerIdsChangedEnable;
    }

    /** A client without heartbeat this long is dropped, ms. */
    public long getChannelExpiredTimeout() {
        return channelExpiredTimeout;
    }

    public void setChannelExpiredTimeout(long channelExpiredTimeout) {
        requirePositive(channelExpiredTimeout);
        this.channelExpiredTimeout = channelExpiredTimeout;
    }

    /** Sends before this time (ms since epoch) are refused. */
    public long getStartAcceptSendRequestTimeStamp() {
        return startAcceptSendRequestTimeStamp;
    }

    public void setStartAcceptSendRequestTimeStamp(long startAcceptSendRequestTimeStamp) {
        this.startAcceptSendRequestTimeStamp = startAcceptSendRequestTimeStamp;
    }

    /** Installation directory. */
    public String getRocketmqHome() {
        return rocketmqHome;
    }

    public void setRocketmqHome(String rocketmqHome) {
        this.rocketmqHome = rocketmqHome;
    }

    /** ACL checks (not supported yet; must be false). */
    public boolean isAclEnable() {
        return aclEnable;
    }

    public void setAclEnable(boolean aclEnable) {
        this.aclEnable = aclEnable;
    }

    /** Accepted for compatibility; unused. */
    public int getMaxErrorRateOfBloomFilter() {
        return maxErrorRateOfBloomFilter;
    }

    public void setMaxErrorRateOfBloomFilter(int maxErrorRateOfBloomFilter) {
        this.maxErrorRateOfBloomFilter = maxErrorRateOfBloomFilter;
    }

    /** Accepted for compatibility; unused. */
    public boolean isAutoDeleteUnusedStats() {
        return autoDeleteUnusedStats;
    }

    public void setAutoDeleteUnusedStats(boolean autoDeleteUnusedStats) {
        this.autoDeleteUnusedStats = autoDeleteUnusedStats;
    }

    /** The {@code store.<type>.*} keys for the configured store, prefix removed. */
    public Map<String, String> getStoreProperties() {
        return storeProperties;
    }

    /** Replaces the store-specific keys (prefix removed); not a broker.conf key itself. */
    public void storeProperties(Map<String, String> properties) {
        this.storeProperties = Map.copyOf(properties);
    }

    /** The name server addresses, split on {@code ;}; empty when none is configured. */
    public java.util.List<String> namesrvAddrList() {
        String addr = namesrvAddr;
        if (addr == null || addr.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(addr.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void requireNonBlank(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
    }

    private static void requireNonNull(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("must be set");
        }
    }

    private static void requireNonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("must be 0 or more");
        }
    }

    private static void requirePositive(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("must be more than 0");
        }
    }

    private static void requirePort(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("must be a port from 0 to 65535");
        }
    }

    private static void requirePercent(int value) {
        if (value < 10 || value > 95) {
            throw new IllegalArgumentException("must be a percentage from 10 to 95");
        }
    }

    private static void requirePerm(int value) {
        if (value < 0 || value > 7) {
            throw new IllegalArgumentException("must be permission bits from 0 to 7 (6 = read-write)");
        }
    }

    private static void requireDelayLevels(String value) {
        requireNonBlank(value);
        io.carrack.broker.internal.schedule.DelayLevels.parse(value);
    }
}
