package io.carrack.client.consumer;

import io.carrack.client.ClientSettings;
import io.carrack.client.internal.consumer.DefaultPushConsumer;
import io.carrack.client.internal.consumer.PushConsumerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds and starts a {@link PushConsumer}. Defaults are the RocketMQ 4.9.7 push consumer's:
 * clustering, consume from the last offset, average allocation, 20 consume threads, 1 message per
 * listener call, 32 messages per pull, flow control at 1000 cached messages or 100 MiB per queue or a
 * span of 2000 offsets, 16 retries for concurrent listeners (unlimited for orderly ones), 1 s
 * orderly suspend, rebalance every 20 s.
 *
 * <p>Thread safety: not thread-safe; use a builder from one thread.
 */
public final class PushConsumerBuilder {
    private ClientSettings settings = ClientSettings.of(null);
    private String group;
    private final Map<String, Selector> subscriptions = new LinkedHashMap<>();
    private MessageModel model = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFrom = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private Instant consumeTimestamp;
    private AllocateStrategy strategy = AllocateStrategy.average();
    private ConcurrentMessageListener concurrentListener;
    private OrderlyMessageListener orderlyListener;
    private int consumeThreads = 20;
    private int consumeBatchMaxSize = 1;
    private int pullBatchSize = 32;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdSizeForQueueMiB = 100;
    private int consumeConcurrentlyMaxSpan = 2000;
    private Integer maxReconsumeTimes;
    private Duration suspendCurrentQueueTime = Duration.ofSeconds(1);
    private Duration pullInterval = Duration.ZERO;
    private boolean postSubscriptionWhenPull;
    private Path offsetStoreDir = Path.of(System.getProperty("user.home"), ".rocketmq_offsets");
    private Duration rebalanceInterval = Duration.ofSeconds(20);

    PushConsumerBuilder() {
    }

    /** All shared settings at once. */
    public PushConsumerBuilder settings(ClientSettings s) {
        this.settings = Objects.requireNonNull(s, "settings");
        return this;
    }

    /** Name servers, {@code host:port;host:port}. */
    public PushConsumerBuilder namesrvAddr(String addr) {
        this.settings = settings.withNamesrvAddr(addr);
        return this;
    }

    /** The instance part of the client id. */
    public PushConsumerBuilder instanceName(String name) {
        this.settings = settings.withInstanceName(name);
        return this;
    }

    /** The consumer group (required). */
    public PushConsumerBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** Subscribes to a topic; call once per topic. */
    public PushConsumerBuilder subscribe(String topic, Selector selector) {
        subscriptions.put(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(selector, "selector"));
        return this;
    }

    /** Clustering (default) or broadcasting. */
    public PushConsumerBuilder messageModel(MessageModel m) {
        this.model = Objects.requireNonNull(m);
        return this;
    }

    /** Where to start in queues without a stored offset. */
    public PushConsumerBuilder consumeFromWhere(ConsumeFromWhere where) {
        this.consumeFrom = Objects.requireNonNull(where);
        return this;
    }

    /** The time for {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}; default 30 minutes ago. */
    public PushConsumerBuilder consumeTimestamp(Instant t) {
        this.consumeTimestamp = t;
        return this;
    }

    /** The queue allocation strategy of a clustering group. */
    public PushConsumerBuilder allocateStrategy(AllocateStrategy s) {
        this.strategy = Objects.requireNonNull(s);
        return this;
    }

    /** A listener that consumes queues concurrently. */
    public PushConsumerBuilder concurrentListener(ConcurrentMessageListener l) {
        this.concurrentListener = l;
        this.orderlyListener = null;
        return this;
    }

    /** A listener that consumes each queue in order. */
    public PushConsumerBuilder orderlyListener(OrderlyMessageListener l) {
        this.orderlyListener = l;
        this.concurrentListener = null;
        return this;
    }

    /** Size of the consume thread pool. */
    public PushConsumerBuilder consumeThreads(int n) {
        this.consumeThreads = n;
        return this;
    }

    /** Most messages per listener call. */
    public PushConsumerBuilder consumeMessageBatchMaxSize(int n) {
        this.consumeBatchMaxSize = n;
        return this;
    }

    /** Most messages per pull (1..1024). */
    public PushConsumerBuilder pullBatchSize(int n) {
        this.pullBatchSize = n;
        return this;
    }

    /** Cached messages per queue above which pulling pauses. */
    public PushConsumerBuilder pullThresholdForQueue(int n) {
        this.pullThresholdForQueue = n;
        return this;
    }

    /** Cached MiB of bodies per queue above which pulling pauses. */
    public PushConsumerBuilder pullThresholdSizeForQueue(int mib) {
        this.pullThresholdSizeForQueueMiB = mib;
        return this;
    }

    /** Offset span per queue above which a concurrent consumer pauses pulling. */
    public PushConsumerBuilder consumeConcurrentlyMaxSpan(int n) {
        this.consumeConcurrentlyMaxSpan = n;
        return this;
    }

    /** Retries before a message goes to the dead-letter queue. */
    public PushConsumerBuilder maxReconsumeTimes(int n) {
        this.maxReconsumeTimes = n;
        return this;
    }

    /** Default suspend time of an orderly queue after a failed batch. */
    public PushConsumerBuilder suspendCurrentQueueTime(Duration d) {
        this.suspendCurrentQueueTime = Objects.requireNonNull(d);
        return this;
    }

    /** Pause between two pulls of one queue (default none). */
    public PushConsumerBuilder pullInterval(Duration d) {
        this.pullInterval = Objects.requireNonNull(d);
        return this;
    }

    /** Send the subscription with every pull. */
    public PushConsumerBuilder postSubscriptionWhenPull(boolean b) {
        this.postSubscriptionWhenPull = b;
        return this;
    }

    /** Directory of broadcasting offset files (default {@code ~/.rocketmq_offsets}). */
    public PushConsumerBuilder offsetStoreDir(Path dir) {
        this.offsetStoreDir = Objects.requireNonNull(dir);
        return this;
    }

    /** Period of the rebalance (default 20 s). */
    public PushConsumerBuilder rebalanceInterval(Duration d) {
        this.rebalanceInterval = Objects.requireNonNull(d);
        return this;
    }

    /**
     * Validates the settings, starts the consumer and returns it.
     *
     * @throws IllegalArgumentException if a setting is missing or out of range
     * @throws io.carrack.client.ClientException if a broker refuses an SQL92 subscription
     */
    public PushConsumer build() {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a consumer group is required");
        }
        if (settings.namesrvAddrList().isEmpty()) {
            throw new IllegalArgumentException("a name server address is required");
        }
        if (concurrentListener == null && orderlyListener == null) {
            throw new IllegalArgumentException("a listener is required");
        }
        range("consumeThreads", consumeThreads, 1, 1000);
        range("consumeMessageBatchMaxSize", consumeBatchMaxSize, 1, 1024);
        range("pullBatchSize", pullBatchSize, 1, 1024);
        range("pullThresholdForQueue", pullThresholdForQueue, 1, 65535);
        range("pullThresholdSizeForQueue", pullThresholdSizeForQueueMiB, 1, 1024);
        range("consumeConcurrentlyMaxSpan", consumeConcurrentlyMaxSpan, 1, 65535);
        int maxRetries = maxReconsumeTimes != null ? maxReconsumeTimes
                : orderlyListener != null ? Integer.MAX_VALUE : 16;
        range("maxReconsumeTimes", maxRetries, 0, Integer.MAX_VALUE);
        long ts = consumeTimestamp != null ? consumeTimestamp.toEpochMilli()
                : System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        PushConsumerConfig cfg = new PushConsumerConfig(settings, group, Map.copyOf(subscriptions), model,
                consumeFrom, ts, strategy, concurrentListener, orderlyListener, consumeThreads, consumeBatchMaxSize,
                pullBatchSize, pullThresholdForQueue, pullThresholdSizeForQueueMiB * 1024L * 1024L,
                consumeConcurrentlyMaxSpan, maxRetries, suspendCurrentQueueTime.toMillis(), pullInterval.toMillis(),
                postSubscriptionWhenPull, offsetStoreDir, rebalanceInterval.toMillis());
        return DefaultPushConsumer.start(cfg);
    }

    static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + v);
        }
    }
}
