package io.carrack.client.consumer;

import io.carrack.client.ClientSettings;
import io.carrack.client.internal.consumer.DefaultPullConsumer;
import io.carrack.client.internal.consumer.PullConsumerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds and starts a {@link PullConsumer}. Defaults are the RocketMQ 4.9.7 lite pull consumer's:
 * clustering, consume from the last offset, average allocation, 10 messages per pull, auto-commit
 * every 5 s, flow control at 1000 cached messages or 100 MiB per queue.
 *
 * <p>Thread safety: not thread-safe; use a builder from one thread.
 */
public final class PullConsumerBuilder {
    private ClientSettings settings = ClientSettings.of(null);
    private String group;
    private MessageModel model = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFrom = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
    private Instant consumeTimestamp;
    private AllocateStrategy strategy = AllocateStrategy.average();
    private int pullBatchSize = 10;
    private int pullThresholdForQueue = 1000;
    private int pullThresholdSizeForQueueMiB = 100;
    private boolean autoCommit = true;
    private Duration autoCommitInterval = Duration.ofSeconds(5);
    private Path offsetStoreDir = Path.of(System.getProperty("user.home"), ".rocketmq_offsets");
    private Duration rebalanceInterval = Duration.ofSeconds(20);

    PullConsumerBuilder() {
    }

    /** All shared settings at once. */
    public PullConsumerBuilder settings(ClientSettings s) {
        this.settings = Objects.requireNonNull(s);
        return this;
    }

    /** Name servers, {@code host:port;host:port}. */
    public PullConsumerBuilder namesrvAddr(String addr) {
        this.settings = settings.withNamesrvAddr(addr);
        return this;
    }

    /** The consumer group (required). */
    public PullConsumerBuilder group(String g) {
        this.group = g;
        return this;
    }

    /** Clustering (default) or broadcasting. */
    public PullConsumerBuilder messageModel(MessageModel m) {
        this.model = Objects.requireNonNull(m);
        return this;
    }

    /** Where to start in queues without a stored offset. */
    public PullConsumerBuilder consumeFromWhere(ConsumeFromWhere w) {
        this.consumeFrom = Objects.requireNonNull(w);
        return this;
    }

    /** The time for {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}; default 30 minutes ago. */
    public PullConsumerBuilder consumeTimestamp(Instant t) {
        this.consumeTimestamp = t;
        return this;
    }

    /** Allocation strategy for subscriptions. */
    public PullConsumerBuilder allocateStrategy(AllocateStrategy s) {
        this.strategy = Objects.requireNonNull(s);
        return this;
    }

    /** Most messages per pull, and so per poll. */
    public PullConsumerBuilder pullBatchSize(int n) {
        this.pullBatchSize = n;
        return this;
    }

    /** Cached messages per queue above which pulling pauses. */
    public PullConsumerBuilder pullThresholdForQueue(int n) {
        this.pullThresholdForQueue = n;
        return this;
    }

    /** Cached MiB per queue above which pulling pauses. */
    public PullConsumerBuilder pullThresholdSizeForQueue(int mib) {
        this.pullThresholdSizeForQueueMiB = mib;
        return this;
    }

    /** Commit positions automatically during polls. */
    public PullConsumerBuilder autoCommit(boolean b) {
        this.autoCommit = b;
        return this;
    }

    /** Period of auto-commit. */
    public PullConsumerBuilder autoCommitInterval(Duration d) {
        this.autoCommitInterval = Objects.requireNonNull(d);
        return this;
    }

    /** Directory of broadcasting offset files. */
    public PullConsumerBuilder offsetStoreDir(Path d) {
        this.offsetStoreDir = Objects.requireNonNull(d);
        return this;
    }

    /** Period of the rebalance of subscriptions. */
    public PullConsumerBuilder rebalanceInterval(Duration d) {
        this.rebalanceInterval = Objects.requireNonNull(d);
        return this;
    }

    /**
     * Validates the settings, starts the consumer and returns it.
     *
     * @throws IllegalArgumentException if a setting is missing or out of range
     */
    public PullConsumer build() {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a consumer group is required");
        }
        if (settings.namesrvAddrList().isEmpty()) {
            throw new IllegalArgumentException("a name server address is required");
        }
        PushConsumerBuilder.range("pullBatchSize", pullBatchSize, 1, 1024);
        PushConsumerBuilder.range("pullThresholdForQueue", pullThresholdForQueue, 1, 65535);
        PushConsumerBuilder.range("pullThresholdSizeForQueue", pullThresholdSizeForQueueMiB, 1, 1024);
        long ts = consumeTimestamp != null ? consumeTimestamp.toEpochMilli()
                : System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        return DefaultPullConsumer.start(new PullConsumerConfig(settings, group, model, consumeFrom, ts, strategy,
                pullBatchSize, pullThresholdForQueue, pullThresholdSizeForQueueMiB * 1024L * 1024L, autoCommit,
                autoCommitInterval.toMillis(), offsetStoreDir, rebalanceInterval.toMillis()));
    }
}
