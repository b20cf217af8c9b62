package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.PullConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.ClientMember;
import io.carrack.client.internal.MessageDecoding;
import io.carrack.client.internal.Routes;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull consumer: the same rebalance and long-poll puller as the push consumer, but pulled
 * messages wait in a local queue until the application polls them.
 *
 * <p>Thread safety: all public methods may be called from any thread.
 */
public final class DefaultPullConsumer implements PullConsumer, ClientMember, Rebalancer.Hooks, QueuePuller.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPullConsumer.class);

    private record Batch(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs) {
    }

    private enum Mode { NONE, SUBSCRIBE, ASSIGN }

    private final PullConsumerConfig config;
    private final ClientInstance client;
    private final Map<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private final OffsetStore offsets;
    private final Rebalancer rebalancer;
    private final Map<MessageQueue, ProcessQueue> assigned = new ConcurrentHashMap<>();
    private final Map<MessageQueue, Long> positions = new ConcurrentHashMap<>();
    private final Set<MessageQueue> paused = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Batch> ready = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService pullExecutor;
    private final ScheduledExecutorService rebalanceExecutor;
    private final QueuePuller puller;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object modeLock = new Object();
    private volatile Mode mode = Mode.NONE;
    private volatile long lastCommitMillis = System.currentTimeMillis();

    private DefaultPullConsumer(PullConsumerConfig config) {
        this.config = config;
        this.client = new ClientInstance(config.settings());
        this.offsets = config.model() == MessageModel.CLUSTERING ? new RemoteOffsetStore(client, config.group())
                : new LocalFileOffsetStore(config.offsetStoreDir(), client.clientId(), config.group());
        this.rebalancer = new Rebalancer(client, config.group(), config.model(), config.strategy(), subscriptions,
                this, false);
        this.pullExecutor = Executors.newSingleThreadScheduledExecutor(ConsumeThreads.named("carrack-client-pull"));
        this.rebalanceExecutor = Executors.newSingleThreadScheduledExecutor(
                ConsumeThreads.named("carrack-client-rebalance"));
        PullSettings ps = new PullSettings(config.pullBatchSize(), 20_000, config.thresholdCount(),
                config.thresholdBytes(), 0, 0, true, true);
        this.puller = new QueuePuller(client, config.group(), config.model(), ps, subscriptions, offsets, this,
                pullExecutor, () -> false);
    }

    /** Creates and starts a consumer. */
    public static DefaultPullConsumer start(PullConsumerConfig config) {
        DefaultPullConsumer c = new DefaultPullConsumer(config);
        c.offsets.load();
        c.client.register(c);
        c.client.start();
        long persist = config.settings().persistOffsetInterval().toMillis();
        c.client.scheduler().scheduleWithFixedDelay(c.client.guard(c::persist, "offset persistence"), persist,
                persist, TimeUnit.MILLISECONDS);
        c.rebalanceExecutor.scheduleWithFixedDelay(c.client.guard(c::rebalanceIfSubscribed, "rebalance"),
                config.rebalanceIntervalMillis(), config.rebalanceIntervalMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    /** The periodic, fire-and-forget write of the stored offsets, as RocketMQ's client does it. */
    private void persist() {
        offsets.persistAll(new HashSet<>(held().keySet()));
    }

    private Map<MessageQueue, ProcessQueue> held() {
        return mode == Mode.ASSIGN ? assigned : rebalancer.table();
    }

    private void rebalanceIfSubscribed() {
        if (mode == Mode.SUBSCRIBE) {
            rebalancer.rebalance();
        }
    }

    private void setMode(Mode wanted) {
        synchronized (modeLock) {
            if (mode != Mode.NONE && mode != wanted) {
                throw new IllegalStateException("cannot mix subscribe and assign on one pull consumer");
            }
            mode = wanted;
        }
    }

    // ---- ClientMember

    @Override
    public Set<String> topics() {
        return subscriptions.keySet();
    }

    @Override
    public void onRoute(String topic, TopicRouteData route) {
        rebalancer.onRoute(topic, Routes.subscribeQueues(topic, route));
    }

    @Override
    public ConsumerData consumerData() {
        return Subscriptions.consumerData(config.group(), false, config.model(), config.consumeFrom(), subscriptions);
    }

    @Override
    public void onConsumerIdsChanged(String group) {
        if (config.group().equals(group) && mode == Mode.SUBSCRIBE && !closed.get()) {
            rebalanceExecutor.execute(client.guard(rebalancer::rebalance, "rebalance"));
        }
    }

    // ---- queue lifecycle (rebalance hooks, also used by assign)

    @Override
    public boolean onAdd(MessageQueue mq, ProcessQueue pq) {
        long start = StartOffsets.compute(client, offsets, mq, config.consumeFrom(), config.consumeTimestamp());
        if (start < 0) {
            return false;
        }
        positions.put(mq, start);
        puller.start(mq, pq, start);
        return true;
    }

    @Override
    public boolean onRemove(MessageQueue mq, ProcessQueue pq) {
        Long pos = positions.remove(mq);
        if (pos != null && config.autoCommit()) {
            offsets.update(mq, pos, false);
        }
        offsets.persist(mq);
        offsets.remove(mq);
        pq.clear();
        return true;
    }

    @Override
    public void accept(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch) {
        ready.add(new Batch(mq, pq, msgs));
    }

    @Override
    public boolean mayPull(ProcessQueue pq) {
        for (Map.Entry<MessageQueue, ProcessQueue> e : held().entrySet()) {
            if (e.getValue() == pq) {
                return !paused.contains(e.getKey());
            }
        }
        return true;
    }

    @Override
    public void offsetIllegal(MessageQueue mq, ProcessQueue pq, long nextOffset) {
        ProcessQueue fresh = new ProcessQueue();
        if (held().replace(mq, pq, fresh)) {
            positions.put(mq, nextOffset);
            puller.start(mq, fresh, nextOffset);
        }
    }

    // ---- PullConsumer

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
        if (selector.type() == Selector.Type.CLASS_FILTER) {
            throw new IllegalArgumentException("class filters are supported by push consumers only, as in RocketMQ");
        }
        setMode(Mode.SUBSCRIBE);
        SubscriptionData sub = Subscriptions.of(topic, selector);
        client.refreshRoute(topic);
        SubscriptionCheck.check(client, config.group(), sub);
        subscriptions.put(topic, sub);
        client.heartbeat();
        rebalanceExecutor.execute(client.guard(rebalancer::rebalance, "rebalance"));
    }

    @Override
    public void unsubscribe(String topic) {
        ensureOpen();
        subscriptions.remove(topic);
        client.heartbeat();
        rebalanceExecutor.execute(client.guard(rebalancer::rebalance, "rebalance"));
    }

    @Override
    public void assign(Collection<MessageQueue> queues) {
        ensureOpen();
        setMode(Mode.ASSIGN);
        Set<MessageQueue> wanted = new HashSet<>(queues);
        for (MessageQueue mq : wanted) {
            subscriptions.computeIfAbsent(mq.topic(), t -> Subscriptions.of(t, Selector.all()));
        }
        for (Map.Entry<MessageQueue, ProcessQueue> e : assigned.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                e.getValue().drop();
                onRemove(e.getKey(), e.getValue());
                assigned.remove(e.getKey());
            }
        }
        client.heartbeat();
        for (MessageQueue mq : wanted) {
            if (client.masterAddr(mq.brokerName()) == null) {
                client.refreshRoute(mq.topic());
            }
            ProcessQueue pq = new ProcessQueue();
            if (assigned.putIfAbsent(mq, pq) == null && !onAdd(mq, pq)) {
                assigned.remove(mq);
            }
        }
    }

    @Override
    public Set<MessageQueue> assignment() {
        return Set.copyOf(held().keySet());
    }

    @Override
    public Collection<MessageQueue> fetchMessageQueues(String topic) {
        ensureOpen();
        TopicRouteData route = client.refreshRoute(topic);
        if (route == null) {
            throw new ClientException(17, "topic " + topic + " has no route");
        }
        List<MessageQueue> list = new ArrayList<>(Routes.subscribeQueues(topic, route));
        list.sort(null);
        return list;
    }

    @Override
    public List<ReceivedMessage> poll(Duration timeout) {
        ensureOpen();
        if (config.autoCommit() && System.currentTimeMillis() - lastCommitMillis >= config.autoCommitIntervalMillis()) {
            commit();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Batch b;
            try {
                b = ready.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            if (b == null) {
                return List.of();
            }
            if (b.pq.isDropped() || held().get(b.mq) != b.pq) {
                continue;
            }
            long next = b.pq.remove(b.msgs);
            if (next >= 0) {
                positions.put(b.mq, next);
            }
            List<ReceivedMessage> out = new ArrayList<>(b.msgs.size());
            for (ReceivedMessage m : b.msgs) {
                out.add(MessageDecoding.restoreRetryTopic(m, config.group()));
            }
            return out;
        }
    }

    @Override
    public void seek(MessageQueue mq, long offset) {
        ensureOpen();
        ProcessQueue old = held().get(mq);
        if (old == null) {
            throw new IllegalStateException(mq + " is not held by this consumer");
        }
        long min = StartOffsets.minOffset(client, mq);
        long max = StartOffsets.maxOffset(client, mq);
        if (offset < min || offset > max) {
            throw new IllegalArgumentException("offset " + offset + " of " + mq + " is outside [" + min + ", "
                    + max + "]");
        }
        ProcessQueue fresh = new ProcessQueue();
        if (!held().replace(mq, old, fresh)) {
            throw new IllegalStateException(mq + " changed while seeking");
        }
        old.drop();
        old.clear();
        positions.put(mq, offset);
        offsets.update(mq, offset, false);
        puller.start(mq, fresh, offset);
    }

    @Override
    public void seekToBeginning(MessageQueue mq) {
        seek(mq, StartOffsets.minOffset(client, mq));
    }

    @Override
    public void seekToEnd(MessageQueue mq) {
        seek(mq, StartOffsets.maxOffset(client, mq));
    }

    @Override
    public void commit() {
        ensureOpen();
        for (Map.Entry<MessageQueue, Long> e : positions.entrySet()) {
            if (held().containsKey(e.getKey())) {
                offsets.update(e.getKey(), e.getValue(), false);
            }
        }
        offsets.persistAllNow(new HashSet<>(held().keySet()));
        lastCommitMillis = System.currentTimeMillis();
    }

    @Override
    public long committed(MessageQueue mq) {
        ensureOpen();
        return offsets.read(mq, OffsetStore.ReadType.STORE);
    }

    @Override
    public void pause(Collection<MessageQueue> queues) {
        paused.addAll(queues);
    }

    @Override
    public void resume(Collection<MessageQueue> queues) {
        paused.removeAll(queues);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new ClientException("pull consumer " + config.group() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        if (config.autoCommit()) {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("{}: commit at close failed: {}", config.group(), e.toString());
            }
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        puller.stop();
        rebalanceExecutor.shutdown();
        pullExecutor.shutdownNow();
        try {
            rebalanceExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessQueue pq : held().values()) {
            pq.drop();
        }
        client.unregister(this);
        client.unregisterFromBrokers(null, config.group());
        client.close();
    }
}
