package io.carrack.broker.internal.context;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.client.ConsumerManager;
import io.carrack.broker.internal.client.ProducerManager;
import io.carrack.broker.internal.client.RebalanceLockManager;
import io.carrack.broker.internal.filter.FilterRegistry;
import io.carrack.broker.internal.group.SubscriptionGroupManager;
import io.carrack.broker.internal.offset.ConsumerOffsetManager;
import io.carrack.broker.internal.schedule.DelayLevels;
import io.carrack.broker.internal.stats.BrokerStats;
import io.carrack.broker.internal.topic.TopicConfigManager;
import io.carrack.spi.store.MessageStore;
import java.net.InetSocketAddress;
import java.time.InstantSource;

/**
 * What the processors and services share: configuration, clock, store and the broker's tables.
 * The store host ({@code brokerIP1:port}) is set once the server is bound.
 *
 * <p>Thread safety: all parts are thread-safe; the store host is volatile.
 */
public final class BrokerContext {
    private final BrokerConfig config;
    private final InstantSource clock;
    private final MessageStore store;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final ProducerManager producers;
    private final RebalanceLockManager locks;
    private final FilterRegistry filters;
    private final BrokerStats stats;
    private final DelayLevels delayLevels;
    private volatile InetSocketAddress storeHost;

    public BrokerContext(BrokerConfig config, InstantSource clock, MessageStore store, TopicConfigManager topics,
                         SubscriptionGroupManager groups, ConsumerOffsetManager offsets, ConsumerManager consumers,
                         ProducerManager producers, RebalanceLockManager locks, FilterRegistry filters,
                         BrokerStats stats, DelayLevels delayLevels, InetSocketAddress storeHost) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.consumers = consumers;
        this.producers = producers;
        this.locks = locks;
        this.filters = filters;
        this.stats = stats;
        this.delayLevels = delayLevels;
        this.storeHost = storeHost;
    }

    public BrokerConfig config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    public MessageStore store() {
        return store;
    }

    public TopicConfigManager topics() {
        return topics;
    }

    public SubscriptionGroupManager groups() {
        return groups;
    }

    public ConsumerOffsetManager offsets() {
        return offsets;
    }

    public ConsumerManager consumers() {
        return consumers;
    }

    public ProducerManager producers() {
        return producers;
    }

    public RebalanceLockManager locks() {
        return locks;
    }

    public FilterRegistry filters() {
        return filters;
    }

    public BrokerStats stats() {
        return stats;
    }

    public DelayLevels delayLevels() {
        return delayLevels;
    }

    /** {@code brokerIP1:listenPort}, written as store host and in offset message ids. */
    public InetSocketAddress storeHost() {
        return storeHost;
    }

    /** Sets the store host once the port is known. */
    public void storeHost(InetSocketAddress host) {
        this.storeHost = host;
    }

    /** {@code brokerIP1:listenPort}. */
    public String brokerAddr() {
        InetSocketAddress h = storeHost;
        return h.getAddress().getHostAddress() + ":" + h.getPort();
    }
}
