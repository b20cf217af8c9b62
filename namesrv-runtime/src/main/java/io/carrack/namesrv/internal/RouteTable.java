package io.carrack.namesrv.internal;

import io.carrack.common.message.PermName;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.ClusterInfo;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.QueueData;
import io.carrack.remoting.protocol.route.TopicList;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name server's route tables: topics to queue data, broker names to addresses, clusters to broker
 * names, live brokers and their filter servers. Implements registration, unregistration, expiry and
 * the route look-ups of PROTOCOL.md sections 5 and 15.
 *
 * <p>Thread safety: all methods may be called from any thread; one read-write lock guards all tables.
 * Everything handed out is a copy.
 */
final class RouteTable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);
    private static final int TOPIC_SYS_FLAG_UNIT = 0x1;
    private static final int TOPIC_SYS_FLAG_UNIT_SUB = 0x2;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, QueueData>> topicQueueTable = new HashMap<>();
    private final Map<String, BrokerData> brokerAddrTable = new TreeMap<>();
    private final Map<String, Set<String>> clusterAddrTable = new TreeMap<>();
    private final Map<String, BrokerLiveInfo> brokerLiveTable = new HashMap<>();
    private final Map<String, List<String>> filterServerTable = new HashMap<>();
    private final InstantSource clock;

    RouteTable(InstantSource clock) {
        this.clock = clock;
    }

    /** What a registration tells the broker: its master's addresses, when it is a slave with a live master. */
    record Outcome(String haServerAddr, String masterAddr) {
    }

    /** Records a broker registration (PROTOCOL.md 5.7). */
    Outcome register(BrokerRegistration r) {
        lock.writeLock().lock();
        try {
            clusterAddrTable.computeIfAbsent(r.clusterName(), k -> new TreeSet<>()).add(r.brokerName());
            BrokerData brokerData = brokerAddrTable.get(r.brokerName());
            boolean first = brokerData == null;
            if (first) {
                brokerData = new BrokerData(r.clusterName(), r.brokerName(), new TreeMap<>());
                brokerAddrTable.put(r.brokerName(), brokerData);
            }
            Map<Long, String> addrs = brokerData.getBrokerAddrs();
            // One address holds one id: a slave promoted to master drops its old id entry.
            addrs.entrySet().removeIf(e -> e.getValue().equals(r.brokerAddr()) && e.getKey() != r.brokerId());
            String oldAddr = addrs.put(r.brokerId(), r.brokerAddr());
            first = first || oldAddr == null;
            if (r.brokerId() == BrokerData.MASTER_ID && !r.brokerAddr().equals(oldAddr)) {
                LOG.info("cluster {} broker {} master address {} -> {}", r.clusterName(), r.brokerName(), oldAddr,
                        r.brokerAddr());
            }

            DataVersion version = r.topics().getDataVersion();
            if (r.brokerId() == BrokerData.MASTER_ID && (first || changed(r.brokerAddr(), version))) {
                for (TopicConfig tc : r.topics().getTopicConfigTable().values()) {
                    upsertQueueData(r.brokerName(), tc);
                }
            }

            BrokerLiveInfo previous = brokerLiveTable.put(r.brokerAddr(), new BrokerLiveInfo(clock.millis(),
                    new DataVersion(version.getTimestamp(), version.getCounter()), r.channel(), r.haServerAddr()));
            if (previous == null) {
                LOG.info("new broker registered: {} {} id {} in {}, HA {}", r.brokerAddr(), r.brokerName(),
                        r.brokerId(), r.clusterName(), r.haServerAddr());
            }

            if (r.filterServers() != null) {
                if (r.filterServers().isEmpty()) {
                    filterServerTable.remove(r.brokerAddr());
                } else {
                    filterServerTable.put(r.brokerAddr(), List.copyOf(r.filterServers()));
                }
            }

            if (r.brokerId() != BrokerData.MASTER_ID) {
                String masterAddr = addrs.get(BrokerData.MASTER_ID);
                BrokerLiveInfo master = masterAddr == null ? null : brokerLiveTable.get(masterAddr);
                if (master != null) {
                    return new Outcome(master.haServerAddr(), masterAddr);
                }
            }
            return new Outcome(null, null);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void upsertQueueData(String brokerName, TopicConfig tc) {
        QueueData qd = new QueueData(brokerName, tc.getReadQueueNums(), tc.getWriteQueueNums(), tc.getPerm(),
                tc.getTopicSysFlag());
        Map<String, QueueData> byBroker = topicQueueTable.computeIfAbsent(tc.getTopicName(), k -> new TreeMap<>());
        QueueData old = byBroker.put(brokerName, qd);
        if (old == null) {
            LOG.info("topic {} registered on {}: {}", tc.getTopicName(), brokerName, qd);
        } else if (!old.equals(qd)) {
            LOG.info("topic {} changed on {}: {} -> {}", tc.getTopicName(), brokerName, old, qd);
        }
    }

    private boolean changed(String brokerAddr, DataVersion version) {
        BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
        return live == null || !live.dataVersion().equals(version);
    }

    /** Whether the broker's topic table differs from the version this name server holds. */
    boolean isTopicConfigChanged(String brokerAddr, DataVersion version) {
        lock.readLock().lock();
        try {
            return changed(brokerAddr, version);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The topic-table version held for a broker address, or null. */
    DataVersion dataVersion(String brokerAddr) {
        lock.readLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            return live == null ? null : new DataVersion(live.dataVersion().getTimestamp(),
                    live.dataVersion().getCounter());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Marks a broker address as alive now. */
    void touch(String brokerAddr) {
        lock.writeLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            if (live != null) {
                live.touch(clock.millis());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes one broker address (UNREGISTER_BROKER). The id entry goes only if it still holds this
     * address, so a late unregister from a replaced broker leaves its successor alone.
     */
    void unregister(String clusterName, String brokerAddr, String brokerName, long brokerId) {
        lock.writeLock().lock();
        try {
            brokerLiveTable.remove(brokerAddr);
            filterServerTable.remove(brokerAddr);
            BrokerData brokerData = brokerAddrTable.get(brokerName);
            if (brokerData != null && brokerAddr != null && brokerAddr.equals(brokerData.getBrokerAddrs().get(brokerId))) {
                brokerData.getBrokerAddrs().remove(brokerId);
                LOG.info("broker unregistered: {} {} id {} in {}", brokerAddr, brokerName, brokerId, clusterName);
                if (brokerData.getBrokerAddrs().isEmpty()) {
                    removeBrokerName(brokerName);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops the brokers that were connected on {@code channel}, if any. */
    void onChannelDestroyed(RemoteChannel channel) {
        lock.writeLock().lock();
        try {
            List<String> found = new ArrayList<>();
            brokerLiveTable.forEach((addr, live) -> {
                if (live.isChannel(channel)) {
                    found.add(addr);
                }
            });
            for (String addr : found) {
                LOG.info("connection of broker {} closed; removing it", addr);
                removeAddress(addr);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes every broker whose last registration is older than {@code expiryMillis}.
     *
     * @return the connections of the removed brokers, for the caller to close outside the lock
     */
    List<RemoteChannel> expire(long expiryMillis) {
        List<RemoteChannel> channels = new ArrayList<>();
        lock.writeLock().lock();
        try {
            long now = clock.millis();
            List<String> expired = new ArrayList<>();
            for (Map.Entry<String, BrokerLiveInfo> e : brokerLiveTable.entrySet()) {
                if (e.getValue().lastUpdateMillis() + expiryMillis < now) {
                    expired.add(e.getKey());
                    if (e.getValue().channel() != null) {
                        channels.add(e.getValue().channel());
                    }
                }
            }
            for (String addr : expired) {
                LOG.warn("broker {} sent nothing for more than {} ms; removing it", addr, expiryMillis);
                removeAddress(addr);
            }
        } finally {
            lock.writeLock().unlock();
        }
        return channels;
    }

    /** Lock held. */
    private void removeAddress(String brokerAddr) {
        brokerLiveTable.remove(brokerAddr);
        filterServerTable.remove(brokerAddr);
        for (Iterator<BrokerData> it = brokerAddrTable.values().iterator(); it.hasNext(); ) {
            BrokerData bd = it.next();
            if (bd.getBrokerAddrs().values().removeIf(brokerAddr::equals) && bd.getBrokerAddrs().isEmpty()) {
                it.remove();
                removeFromClustersAndTopics(bd.getBrokerName());
            }
        }
    }

    /** Lock held. */
    private void removeBrokerName(String brokerName) {
        brokerAddrTable.remove(brokerName);
        removeFromClustersAndTopics(brokerName);
    }

    /** Lock held. */
    private void removeFromClustersAndTopics(String brokerName) {
        LOG.info("broker {} has no address left; removing it and its queues", brokerName);
        clusterAddrTable.values().forEach(names -> names.remove(brokerName));
        clusterAddrTable.values().removeIf(Set::isEmpty);
        for (Iterator<Map.Entry<String, Map<String, QueueData>>> it = topicQueueTable.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, Map<String, QueueData>> e = it.next();
            e.getValue().remove(brokerName);
            if (e.getValue().isEmpty()) {
                LOG.info("topic {} has no queue left; removing it", e.getKey());
                it.remove();
            }
        }
    }

    /**
     * The route of a topic (PROTOCOL.md 5.1, 15.2), or null when no registered broker hosts it.
     * {@code orderTopicConf} is left for the caller.
     */
    TopicRouteData route(String topic) {
        lock.readLock().lock();
        try {
            Map<String, QueueData> byBroker = topicQueueTable.get(topic);
            if (byBroker == null || byBroker.isEmpty()) {
                return null;
            }
            TopicRouteData route = new TopicRouteData();
            for (QueueData qd : byBroker.values()) {
                route.getQueueDatas().add(qd.copy());
                BrokerData bd = brokerAddrTable.get(qd.getBrokerName());
                if (bd == null) {
                    continue;
                }
                route.getBrokerDatas().add(bd.copy());
                for (String addr : bd.getBrokerAddrs().values()) {
                    List<String> servers = filterServerTable.get(addr);
                    if (servers != null) {
                        route.getFilterServerTable().put(addr, new ArrayList<>(servers));
                    }
                }
            }
            return route.getBrokerDatas().isEmpty() ? null : route;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every broker by name and every cluster's broker names. */
    ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            ClusterInfo info = new ClusterInfo();
            Map<String, BrokerData> brokers = new TreeMap<>();
            brokerAddrTable.forEach((name, bd) -> brokers.put(name, bd.copy()));
            Map<String, Set<String>> clusters = new TreeMap<>();
            clusterAddrTable.forEach((name, names) -> clusters.put(name, new TreeSet<>(names)));
            info.setBrokerAddrTable(brokers);
            info.setClusterAddrTable(clusters);
            return info;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every topic with queue data. */
    TopicList allTopics() {
        lock.readLock().lock();
        try {
            return topicList(new TreeSet<>(topicQueueTable.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics with queue data on any broker of the cluster; empty for an unknown cluster. */
    TopicList topicsByCluster(String cluster) {
        lock.readLock().lock();
        try {
            Set<String> names = clusterAddrTable.getOrDefault(cluster, Set.of());
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, byBroker) -> {
                if (byBroker.keySet().stream().anyMatch(names::contains)) {
                    topics.add(topic);
                }
            });
            return topicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Cluster names and broker names (which RocketMQ treats as system topics) and one broker address for
     * the caller to ask for the rest.
     */
    TopicList systemTopics() {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            clusterAddrTable.forEach((cluster, names) -> {
                topics.add(cluster);
                topics.addAll(names);
            });
            TopicList list = topicList(topics);
            brokerAddrTable.values().stream().map(BrokerData::anyAddr).filter(a -> a != null).findFirst()
                    .ifPresent(list::setBrokerAddr);
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics with the UNIT flag (GET_UNIT_TOPIC_LIST). */
    TopicList unitTopics() {
        return topicsWithSysFlag(f -> (f & TOPIC_SYS_FLAG_UNIT) != 0);
    }

    /** Topics with the UNIT_SUB flag (GET_HAS_UNIT_SUB_TOPIC_LIST). */
    TopicList unitSubTopics() {
        return topicsWithSysFlag(f -> (f & TOPIC_SYS_FLAG_UNIT_SUB) != 0);
    }

    /** Topics with UNIT_SUB but not UNIT (GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST). */
    TopicList unitSubNonUnitTopics() {
        return topicsWithSysFlag(f -> (f & TOPIC_SYS_FLAG_UNIT) == 0 && (f & TOPIC_SYS_FLAG_UNIT_SUB) != 0);
    }

    private TopicList topicsWithSysFlag(IntPredicate test) {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, byBroker) -> {
                // Like RocketMQ, the first broker's flags speak for the topic.
                Iterator<QueueData> it = byBroker.values().iterator();
                if (it.hasNext() && test.test(it.next().getTopicSysFlag())) {
                    topics.add(topic);
                }
            });
            return topicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static TopicList topicList(Set<String> topics) {
        TopicList list = new TopicList();
        list.getTopicList().addAll(topics);
        return list;
    }

    /**
     * Removes a topic's queue data: from the brokers of {@code clusterName}, or everywhere when it is null
     * or empty.
     *
     * @return whether anything was removed
     */
    boolean deleteTopic(String topic, String clusterName) {
        lock.writeLock().lock();
        try {
            if (clusterName == null || clusterName.isEmpty()) {
                return topicQueueTable.remove(topic) != null;
            }
            Map<String, QueueData> byBroker = topicQueueTable.get(topic);
            Set<String> names = clusterAddrTable.get(clusterName);
            if (byBroker == null || names == null) {
                return false;
            }
            boolean removed = byBroker.keySet().removeAll(names);
            if (byBroker.isEmpty()) {
                topicQueueTable.remove(topic);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Clears the WRITE bit of every queue data of a broker name; returns how many topics changed. */
    int wipeWritePerm(String brokerName) {
        return editPerm(brokerName, perm -> perm & ~PermName.PERM_WRITE);
    }

    /** Sets every queue data of a broker name to read-write; returns how many topics changed. */
    int addWritePerm(String brokerName) {
        return editPerm(brokerName, perm -> PermName.PERM_READ | PermName.PERM_WRITE);
    }

    private int editPerm(String brokerName, IntUnaryOperator edit) {
        lock.writeLock().lock();
        try {
            int count = 0;
            for (Map<String, QueueData> byBroker : topicQueueTable.values()) {
                QueueData qd = byBroker.get(brokerName);
                if (qd != null) {
                    qd.setPerm(edit.applyAsInt(qd.getPerm()));
                    count++;
                }
            }
            return count;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The registered broker addresses (for logs and tests). */
    Set<String> liveBrokerAddrs() {
        lock.readLock().lock();
        try {
            return new TreeSet<>(brokerLiveTable.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }
}
