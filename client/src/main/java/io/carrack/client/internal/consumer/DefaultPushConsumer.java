package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.PushConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.ClientMember;
import io.carrack.client.internal.MixTopics;
import io.carrack.client.internal.Routes;
import io.carrack.client.internal.filtersrv.ClassFilters;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push consumer: rebalance decides the held queues, {@link QueuePuller} long-polls each,
 * a {@link ConsumeService} runs the listener, and offsets are persisted every few seconds.
 *
 * <p>Thread safety: all public methods may be called from any thread.
 */
public final class DefaultPushConsumer implements PushConsumer, ClientMember, Rebalancer.Hooks, QueuePuller.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPushConsumer.class);
    private static final long LOCK_RENEW_MILLIS = 20_000;
    private static final long SHUTDOWN_AWAIT_MILLIS = 5_000;

    private final PushConsumerConfig config;
    private final ClientInstance client;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final OffsetStore offsets;
    private final Rebalancer rebalancer;
    private final ScheduledExecutorService pullExecutor;
    private final ScheduledExecutorService rebalanceExecutor;
    private final QueuePuller puller;
    private final ConsumeService consumeService;
    private final QueueLocks locks;
    private final ClassFilters classFilters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;

    /** Creates and starts a consumer. */
    public static DefaultPushConsumer start(PushConsumerConfig config) {
        DefaultPushConsumer c = new DefaultPushConsumer(config);
        try {
            c.startInternal();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private DefaultPushConsumer(PushConsumerConfig config) {
        this.config = config;
        this.client = new ClientInstance(config.settings());
        config.subscriptions().forEach((topic, sel) -> subscriptions.put(topic, Subscriptions.of(topic, sel)));
        if (config.model() == MessageModel.CLUSTERING) {
            String retry = MixTopics.retryTopic(config.group());
            subscriptions.put(retry, Subscriptions.of(retry, Selector.all()));
            this.offsets = new RemoteOffsetStore(client, config.group());
        } else {
            this.offsets = new LocalFileOffsetStore(config.offsetStoreDir(), client.clientId(), config.group());
        }
        this.rebalancer = new Rebalancer(client, config.group(), config.model(), config.strategy(), subscriptions,
                this, true);
        this.pullExecutor = Executors.newSingleThreadScheduledExecutor(ConsumeThreads.named("carrack-client-pull"));
        this.rebalanceExecutor = Executors.newSingleThreadScheduledExecutor(
                ConsumeThreads.named("carrack-client-rebalance"));
        PullSettings ps = new PullSettings(config.pullBatchSize(), 15_000, config.pullThresholdForQueue(),
                config.pullThresholdSizeForQueueBytes(), config.orderly() ? 0 : config.consumeConcurrentlyMaxSpan(),
                config.pullIntervalMillis(), config.postSubscriptionWhenPull(), false);
        this.classFilters = new ClassFilters(client, config.group());
        this.puller = new QueuePuller(client, config.group(), config.model(), ps, subscriptions, offsets, this,
                pullExecutor, () -> paused, classFilters);
        this.locks = new QueueLocks(client, config.group());
        if (config.orderly()) {
            this.consumeService = new OrderlyConsumeService(client, config.group(), config.model(),
                    config.orderlyListener(), config.consumeBatchMaxSize(), config.maxReconsumeTimes(),
                    config.suspendCurrentQueueTimeMillis(), config.consumeThreads(), offsets, pullExecutor);
        } else {
            this.consumeService = new ConcurrentConsumeService(client, config.group(), config.model(),
                    config.concurrentListener(), config.consumeBatchMaxSize(), config.maxReconsumeTimes(),
                    config.consumeThreads(), offsets, pullExecutor);
        }
    }

    private void startInternal() {
        offsets.load();
        client.register(this);
        Set<String> missing = new HashSet<>();
        for (String topic : subscriptions.keySet()) {
            if (client.refreshRoute(topic) == null) {
                missing.add(topic);
            }
        }
        checkSubscriptions();
        registerClassFilters();
        client.start();
        client.heartbeat();
        // The first heartbeat makes the broker create the group's retry topic; fetch its route now
        // instead of at the next periodic refresh.
        for (String topic : missing) {
            if (client.refreshRoute(topic) == null) {
                LOG.warn("{}: topic {} has no route yet", config.group(), topic);
            }
        }
        long persistMillis = config.settings().persistOffsetInterval().toMillis();
        client.scheduler().scheduleWithFixedDelay(client.guard(this::persistOffsets, "offset persistence"),
                persistMillis, persistMillis, TimeUnit.MILLISECONDS);
        if (config.orderly() && config.model() == MessageModel.CLUSTERING) {
            rebalanceExecutor.scheduleWithFixedDelay(client.guard(() -> locks.lockAll(rebalancer.table()),
                    "lock renewal"), 1000, LOCK_RENEW_MILLIS, TimeUnit.MILLISECONDS);
        }
        long uploadMillis = config.settings().heartbeatInterval().toMillis();
        client.scheduler().scheduleWithFixedDelay(client.guard(() -> classFilters.refresh(subscriptions.values()),
                "filter class upload"), uploadMillis, uploadMillis, TimeUnit.MILLISECONDS);
        rebalanceExecutor.scheduleWithFixedDelay(client.guard(rebalancer::rebalance, "rebalance"), 0,
                config.rebalanceIntervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info("{}: push consumer {} started, subscriptions {}", config.group(), client.clientId(),
                subscriptions.keySet());
    }

    /** CHECK_CLIENT_CONFIG for SQL92 subscriptions: start fails if a broker refuses one. */
    private void checkSubscriptions() {
        for (SubscriptionData sub : subscriptions.values()) {
            SubscriptionCheck.check(client, config.group(), sub);
        }
    }

    /** REGISTER_MESSAGE_FILTER_CLASS for class-filter subscriptions: start fails if a filter server refuses one. */
    private void registerClassFilters() {
        for (SubscriptionData sub : subscriptions.values()) {
            classFilters.register(sub);
        }
    }

    private void persistOffsets() {
        offsets.persistAll(new HashSet<>(rebalancer.table().keySet()));
    }

    private void rebalanceSoon() {
        if (!closed.get()) {
            try {
                rebalanceExecutor.execute(client.guard(rebalancer::rebalance, "rebalance"));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("{}: closing", config.group());
            }
        }
    }

    // ---- ClientMember

    @Override
    public Set<String> topics() {
        return subscriptions.keySet();
    }

    @Override
    public void onRoute(String topic, TopicRouteData route) {
        if (subscriptions.containsKey(topic)) {
            rebalancer.onRoute(topic, Routes.subscribeQueues(topic, route));
        }
    }

    @Override
    public ConsumerData consumerData() {
        return Subscriptions.consumerData(config.group(), true, config.model(), config.consumeFrom(), subscriptions);
    }

    @Override
    public void onConsumerIdsChanged(String group) {
        if (config.group().equals(group)) {
            rebalanceSoon();
        }
    }

    // ---- Rebalancer.Hooks

    @Override
    public boolean onAdd(MessageQueue mq, ProcessQueue pq) {
        if (config.orderly() && config.model() == MessageModel.CLUSTERING && !locks.lock(mq, pq)) {
            LOG.info("{}: {} is locked by another consumer", config.group(), mq);
            return false;
        }
        offsets.remove(mq);
        long start = StartOffsets.compute(client, offsets, mq, config.consumeFrom(), config.consumeTimestamp());
        if (start < 0) {
            return false;
        }
        puller.start(mq, pq, start);
        return true;
    }

    @Override
    public boolean onRemove(MessageQueue mq, ProcessQueue pq) {
        offsets.persist(mq);
        offsets.remove(mq);
        if (config.orderly() && config.model() == MessageModel.CLUSTERING) {
            boolean got = false;
            try {
                got = pq.consumeLock().tryLock(1, TimeUnit.SECONDS);
                if (!got) {
                    return false;
                }
                locks.unlock(mq, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                if (got) {
                    pq.consumeLock().unlock();
                }
            }
        }
        pq.clear();
        return true;
    }

    // ---- QueuePuller.Sink

    @Override
    public void accept(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch) {
        consumeService.submit(mq, pq, msgs, dispatch);
    }

    @Override
    public boolean mayPull(ProcessQueue pq) {
        return !config.orderly() || config.model() == MessageModel.BROADCASTING || pq.isLocked();
    }

    @Override
    public void offsetIllegal(MessageQueue mq, ProcessQueue pq, long nextOffset) {
        offsets.update(mq, nextOffset, false);
        offsets.persist(mq);
        rebalancer.table().remove(mq, pq);
        LOG.warn("{}: dropped {} after an illegal offset; the next rebalance adds it again", config.group(), mq);
    }

    // ---- PushConsumer

    @Override
    public String group() {
        return config.group();
    }

    @Override
    public String clientId() {
        return client.clientId();
    }

    @Override
    public void subscribe(String topic, Selector selector) {
        ensureOpen();
        SubscriptionData sub = Subscriptions.of(topic, selector);
        boolean routed = client.refreshRoute(topic) != null;
        // a refused class filter leaves the current subscription in place
        classFilters.register(sub);
        subscriptions.put(topic, sub);
        if (routed) {
            onRoute(topic, client.cachedRoute(topic));
        } else {
            LOG.warn("{}: topic {} has no route yet", config.group(), topic);
        }
        client.heartbeat();
        rebalanceSoon();
    }

    @Override
    public void unsubscribe(String topic) {
        ensureOpen();
        subscriptions.remove(topic);
        client.heartbeat();
        rebalanceSoon();
    }

    @Override
    public Set<MessageQueue> assignment() {
        return Set.copyOf(rebalancer.table().keySet());
    }

    @Override
    public void suspend() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public void rebalanceNow() {
        ensureOpen();
        rebalancer.rebalance();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new ClientException("consumer " + config.group() + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        puller.stop();
        rebalanceExecutor.shutdown();
        try {
            if (!rebalanceExecutor.awaitTermination(SHUTDOWN_AWAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                rebalanceExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            rebalanceExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        consumeService.shutdown(SHUTDOWN_AWAIT_MILLIS);
        pullExecutor.shutdownNow();
        Set<MessageQueue> held = new HashSet<>(rebalancer.table().keySet());
        try {
            offsets.persistAll(held);
        } catch (RuntimeException e) {
            LOG.warn("{}: persisting offsets at close failed: {}", config.group(), e.toString());
        }
        if (config.orderly() && config.model() == MessageModel.CLUSTERING) {
            locks.unlockAll(held);
        }
        for (ProcessQueue pq : rebalancer.table().values()) {
            pq.drop();
        }
        client.unregister(this);
        client.unregisterFromBrokers(null, config.group());
        client.close();
        LOG.info("{}: push consumer {} closed", config.group(), client.clientId());
    }
}
