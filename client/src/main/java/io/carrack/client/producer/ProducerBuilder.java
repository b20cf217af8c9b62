package io.carrack.client.producer;

import io.carrack.client.ClientSettings;
import io.carrack.client.internal.producer.DefaultProducer;
import io.carrack.client.internal.producer.ProducerConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds and starts a {@link Producer}. Defaults are the RocketMQ 4.9.7 producer's: 3 s send timeout,
 * 2 retries (sync and async), compression of bodies of 4 KiB and more, 4 MiB maximum body,
 * 4 queues for auto-created topics.
 *
 * <p>Thread safety: not thread-safe; use a builder from one thread.
 */
public final class ProducerBuilder {
    private ClientSettings settings = ClientSettings.of(null);
    private String group = "DEFAULT_PRODUCER";
    private Duration sendTimeout = Duration.ofSeconds(3);
    private int retryTimesWhenSendFailed = 2;
    private int retryTimesWhenSendAsyncFailed = 2;
    private int compressThreshold = 4096;
    private int maxMessageSize = 4 * 1024 * 1024;
    private int defaultTopicQueueNums = 4;
    private boolean retryAnotherBrokerWhenNotStoreOK;

    ProducerBuilder() {
    }

    /** All shared settings at once. */
    public ProducerBuilder settings(ClientSettings s) {
        this.settings = Objects.requireNonNull(s, "settings");
        return this;
    }

    /** Name servers, {@code host:port;host:port}. */
    public ProducerBuilder namesrvAddr(String addr) {
        this.settings = settings.withNamesrvAddr(addr);
        return this;
    }

    /** The instance part of the client id. */
    public ProducerBuilder instanceName(String name) {
        this.settings = settings.withInstanceName(name);
        return this;
    }

    /** The producer group. */
    public ProducerBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** Total time a synchronous send may take, retries included. */
    public ProducerBuilder sendTimeout(Duration d) {
        this.sendTimeout = Objects.requireNonNull(d);
        return this;
    }

    /** Retries of a failed synchronous send. */
    public ProducerBuilder retryTimesWhenSendFailed(int n) {
        this.retryTimesWhenSendFailed = n;
        return this;
    }

    /** Retries of a failed asynchronous send. */
    public ProducerBuilder retryTimesWhenSendAsyncFailed(int n) {
        this.retryTimesWhenSendAsyncFailed = n;
        return this;
    }

    /** Bodies of at least this many bytes are zlib-compressed (single messages only). */
    public ProducerBuilder compressThreshold(int bytes) {
        this.compressThreshold = bytes;
        return this;
    }

    /** Largest body (or batch body) accepted. */
    public ProducerBuilder maxMessageSize(int bytes) {
        this.maxMessageSize = bytes;
        return this;
    }

    /** Queue count asked for when a broker auto-creates a topic. */
    public ProducerBuilder defaultTopicQueueNums(int n) {
        this.defaultTopicQueueNums = n;
        return this;
    }

    /** Retry on another broker also when a broker stored the message but reported a flush or slave timeout. */
    public ProducerBuilder retryAnotherBrokerWhenNotStoreOK(boolean b) {
        this.retryAnotherBrokerWhenNotStoreOK = b;
        return this;
    }

    /**
     * Validates the settings, starts the producer and returns it.
     *
     * @throws IllegalArgumentException if a setting is missing or out of range
     */
    public Producer build() {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a producer group is required");
        }
        if (settings.namesrvAddrList().isEmpty()) {
            throw new IllegalArgumentException("a name server address is required");
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive");
        }
        if (retryTimesWhenSendFailed < 0 || retryTimesWhenSendAsyncFailed < 0) {
            throw new IllegalArgumentException("retry counts must not be negative");
        }
        if (maxMessageSize < 1 || compressThreshold < 1 || defaultTopicQueueNums < 1) {
            throw new IllegalArgumentException("sizes and queue counts must be positive");
        }
        return DefaultProducer.start(new ProducerConfig(settings, group, sendTimeout.toMillis(),
                retryTimesWhenSendFailed, retryTimesWhenSendAsyncFailed, compressThreshold, maxMessageSize,
                defaultTopicQueueNums, retryAnotherBrokerWhenNotStoreOK));
    }
}
