package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.internal.ClientInstance;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which queues this consumer holds (PROTOCOL.md section 13.5): for each subscribed topic,
 * the readable queues of its route and the group's consumer ids from one broker, both sorted, then
 * the allocation strategy. Broadcasting consumers take every queue. Queues that are no longer
 * allocated are dropped and queues newly allocated are added through {@link Hooks}.
 *
 * <p>Thread safety: {@link #rebalance()} runs on one thread at a time (it is synchronized); the
 * tables are concurrent and may be read from any thread.
 */
final class Rebalancer {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    /** What the consumer does when a queue is added or removed. */
    interface Hooks {
        /**
         * A queue was newly allocated; set up pulling it.
         *
         * @return false to skip the queue this round (e.g. its lock or offset could not be obtained)
         */
        boolean onAdd(MessageQueue mq, ProcessQueue pq);

        /**
         * A queue is no longer allocated; its process queue is already marked dropped.
         *
         * @return false to keep the queue in the table this round (e.g. it could not be unlocked yet)
         */
        boolean onRemove(MessageQueue mq, ProcessQueue pq);
    }

    private final ClientInstance client;
    private final String group;
    private final MessageModel model;
    private final AllocateStrategy strategy;
    private final Map<String, SubscriptionData> subscriptions;
    private final Hooks hooks;
    private final boolean dropIdleQueues;
    private final Map<String, Set<MessageQueue>> topicQueues = new ConcurrentHashMap<>();
    private final Map<MessageQueue, ProcessQueue> table = new ConcurrentHashMap<>();

    Rebalancer(ClientInstance client, String group, MessageModel model, AllocateStrategy strategy,
               Map<String, SubscriptionData> subscriptions, Hooks hooks, boolean dropIdleQueues) {
        this.client = client;
        this.group = group;
        this.model = model;
        this.strategy = strategy;
        this.subscriptions = subscriptions;
        this.hooks = hooks;
        this.dropIdleQueues = dropIdleQueues;
    }

    /** Records the readable queues of a topic from its latest route. */
    void onRoute(String topic, Set<MessageQueue> queues) {
        topicQueues.put(topic, Set.copyOf(queues));
    }

    /** The readable queues of a topic, or null when its route is unknown. */
    Set<MessageQueue> queuesOf(String topic) {
        return topicQueues.get(topic);
    }

    /** The queues held now and their process queues. */
    Map<MessageQueue, ProcessQueue> table() {
        return table;
    }

    /** Runs one rebalance over every subscribed topic. */
    synchronized void rebalance() {
        for (String topic : subscriptions.keySet()) {
            try {
                rebalanceTopic(topic);
            } catch (RuntimeException e) {
                LOG.warn("{}: rebalance of {} failed: {}", group, topic, e.toString());
            }
        }
        for (Map.Entry<MessageQueue, ProcessQueue> e : table.entrySet()) {
            if (!subscriptions.containsKey(e.getKey().topic())) {
                e.getValue().drop();
                if (hooks.onRemove(e.getKey(), e.getValue())) {
                    table.remove(e.getKey());
                }
            }
        }
    }

    private void rebalanceTopic(String topic) {
        Set<MessageQueue> queues = topicQueues.get(topic);
        if (queues == null) {
            LOG.debug("{}: no route of {} yet", group, topic);
            return;
        }
        if (model == MessageModel.BROADCASTING) {
            update(topic, queues);
            return;
        }
        List<String> ids = consumerIds(topic);
        if (ids.isEmpty()) {
            LOG.debug("{}: no consumer ids for {}", group, topic);
            return;
        }
        List<MessageQueue> all = new ArrayList<>(queues);
        Collections.sort(all);
        List<String> sortedIds = new ArrayList<>(ids);
        Collections.sort(sortedIds);
        List<MessageQueue> mine = strategy.allocate(group, client.clientId(), all, sortedIds);
        update(topic, new HashSet<>(mine));
    }

    private List<String> consumerIds(String topic) {
        TopicRouteData route = client.cachedRoute(topic);
        if (route == null || route.getBrokerDatas().isEmpty()) {
            return List.of();
        }
        List<BrokerData> brokers = route.getBrokerDatas();
        BrokerData bd = brokers.get(ThreadLocalRandom.current().nextInt(brokers.size()));
        String addr = client.anyAddr(bd.getBrokerName());
        if (addr == null) {
            return List.of();
        }
        return client.api().consumerIds(addr, group, client.timeoutMillis());
    }

    private void update(String topic, Set<MessageQueue> assigned) {
        long now = System.currentTimeMillis();
        for (Map.Entry<MessageQueue, ProcessQueue> e : table.entrySet()) {
            MessageQueue mq = e.getKey();
            ProcessQueue pq = e.getValue();
            if (!mq.topic().equals(topic)) {
                continue;
            }
            boolean stale = dropIdleQueues && pq.isPullExpired(now);
            if (!assigned.contains(mq) || stale) {
                pq.drop();
                if (hooks.onRemove(mq, pq)) {
                    table.remove(mq);
                    LOG.info("{}: {} removed {}{}", group, client.clientId(), mq, stale ? " (pull idle)" : "");
                }
            }
        }
        for (MessageQueue mq : assigned) {
            if (table.containsKey(mq)) {
                continue;
            }
            ProcessQueue pq = new ProcessQueue();
            if (table.putIfAbsent(mq, pq) != null) {
                continue;
            }
            boolean added;
            try {
                added = hooks.onAdd(mq, pq);
            } catch (RuntimeException ex) {
                LOG.warn("{}: adding {} failed: {}", group, mq, ex.toString());
                added = false;
            }
            if (added) {
                LOG.info("{}: {} added {}", group, client.clientId(), mq);
            } else {
                table.remove(mq, pq);
                pq.drop();
            }
        }
    }
}
