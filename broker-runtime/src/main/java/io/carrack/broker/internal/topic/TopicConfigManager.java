package io.carrack.broker.internal.topic;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.persist.JsonConfigFile;
import io.carrack.common.message.PermName;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.TopicConfigSerializeWrapper;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's topic table: system topics, topics created by admins, auto-created by sends from the
 * default topic, and retry/DLQ topics. Persisted to {@code config/topics.json}; every change bumps
 * the data version and calls the change listener (which registers with the name servers).
 *
 * <p>Thread safety: reads are lock-free; changes are serialized on this object.
 */
public final class TopicConfigManager {
    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigManager.class);
    private static final int SCHEDULE_QUEUE_NUMS = 18;

    private final BrokerConfig config;
    private final InstantSource clock;
    private final JsonConfigFile file;
    private final ConcurrentMap<String, TopicConfig> table = new ConcurrentHashMap<>();
    private final Set<String> systemTopics = ConcurrentHashMap.newKeySet();
    private final DataVersion dataVersion = new DataVersion();
    private volatile ChangeListener changeListener = (t, fromSend) -> { };

    public TopicConfigManager(BrokerConfig config, InstantSource clock, Path configDir) {
        this.config = config;
        this.clock = clock;
        this.file = new JsonConfigFile(configDir.resolve("topics.json"));
        createSystemTopics();
    }

    /** Told of every created, changed or deleted topic (after the table is saved). */
    @FunctionalInterface
    public interface ChangeListener {
        /**
         * @param topic    the new config, or null for a deletion
         * @param fromSend whether a send auto-created it (the reply should not wait)
         */
        void changed(TopicConfig topic, boolean fromSend);
    }

    /** Sets the change listener. */
    public void onChange(ChangeListener listener) {
        this.changeListener = listener;
    }

    private void createSystemTopics() {
        putSystem(new TopicConfig(TopicValidator.SELF_TEST_TOPIC, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
        if (config.isAutoCreateTopicEnable()) {
            putSystem(new TopicConfig(TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC, config.getDefaultTopicQueueNums(),
                    config.getDefaultTopicQueueNums(), PermName.PERM_INHERIT | PermName.PERM_READ | PermName.PERM_WRITE));
        }
        putSystem(new TopicConfig(TopicValidator.BENCHMARK_TOPIC, 1024, 1024, PermName.PERM_READ | PermName.PERM_WRITE));
        int clusterPerm = PermName.PERM_INHERIT;
        if (config.isClusterTopicEnable()) {
            clusterPerm |= PermName.PERM_READ | PermName.PERM_WRITE;
        }
        putSystem(new TopicConfig(config.getBrokerClusterName(), 16, 16, clusterPerm));
        int brokerPerm = PermName.PERM_INHERIT;
        if (config.isBrokerTopicEnable()) {
            brokerPerm |= PermName.PERM_READ | PermName.PERM_WRITE;
        }
        putSystem(new TopicConfig(config.getBrokerName(), 1, 1, brokerPerm));
        putSystem(new TopicConfig(TopicValidator.OFFSET_MOVED_EVENT, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
        putSystem(new TopicConfig(TopicValidator.SCHEDULE_TOPIC, SCHEDULE_QUEUE_NUMS, SCHEDULE_QUEUE_NUMS,
                PermName.PERM_READ | PermName.PERM_WRITE));
        if (config.isTraceTopicEnable()) {
            putSystem(new TopicConfig(config.getMsgTraceTopicName(), 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
        }
        putSystem(new TopicConfig(config.getBrokerClusterName() + "_REPLY_TOPIC", 1, 1,
                PermName.PERM_READ | PermName.PERM_WRITE));
    }

    private void putSystem(TopicConfig tc) {
        table.put(tc.getTopicName(), tc);
        systemTopics.add(tc.getTopicName());
    }

    /** Loads {@code topics.json}; stored topics override the built-in ones except TBW102's perm rules. */
    public void load() {
        file.read(TopicConfigSerializeWrapper.class).ifPresent(w -> {
            table.putAll(w.getTopicConfigTable());
            dataVersion.setTimestamp(w.getDataVersion().getTimestamp());
            dataVersion.setCounter(w.getDataVersion().getCounter());
            LOG.info("loaded {} topics from {}", w.getTopicConfigTable().size(), file.path());
        });
        if (!config.isAutoCreateTopicEnable()) {
            TopicConfig tbw = table.get(TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC);
            if (tbw != null) {
                TopicConfig copy = tbw.copy();
                copy.setPerm(PermName.PERM_READ | PermName.PERM_WRITE);
                table.put(copy.getTopicName(), copy);
            }
        }
    }

    /** Writes {@code topics.json}. */
    public void persist() {
        file.write(snapshot());
    }

    /** The topic's config, or null. Do not modify it. */
    public TopicConfig select(String topic) {
        return table.get(topic);
    }

    /** Whether the topic is a system topic of this broker (fixed names, cluster, broker name). */
    public boolean isSystemTopic(String topic) {
        return systemTopics.contains(topic) || TopicValidator.isFixedSystemTopic(topic);
    }

    /** Every topic name. */
    public Set<String> topicNames() {
        return new HashSet<>(table.keySet());
    }

    /** The current table and version; the table is a copy. */
    public synchronized TopicConfigSerializeWrapper snapshot() {
        ConcurrentMap<String, TopicConfig> copy = new ConcurrentHashMap<>();
        table.forEach((k, v) -> copy.put(k, v.copy()));
        return new TopicConfigSerializeWrapper(copy, new DataVersion(dataVersion.getTimestamp(),
                dataVersion.getCounter()));
    }

    /** A copy of the data version. */
    public synchronized DataVersion dataVersion() {
        return new DataVersion(dataVersion.getTimestamp(), dataVersion.getCounter());
    }

    /**
     * Creates a topic for a send to an unknown topic, from the default topic when that exists and
     * has the INHERIT bit (PROTOCOL.md section 13.2).
     *
     * @return the topic's config, or null when it cannot be created
     */
    public TopicConfig createInSendMessage(String topic, String defaultTopic, int clientDefaultQueueNums,
                                           int topicSysFlag) {
        TopicConfig created;
        synchronized (this) {
            TopicConfig existing = table.get(topic);
            if (existing != null) {
                return existing;
            }
            TopicConfig def = defaultTopic == null ? null : table.get(defaultTopic);
            if (def == null) {
                LOG.warn("cannot create topic {}: default topic {} does not exist", topic, defaultTopic);
                return null;
            }
            int perm = def.getPerm();
            if (TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC.equals(defaultTopic) && !config.isAutoCreateTopicEnable()) {
                perm = PermName.PERM_READ | PermName.PERM_WRITE;
            }
            if (!PermName.isInherited(perm)) {
                LOG.warn("cannot create topic {}: default topic {} has no inherit permission ({})", topic,
                        defaultTopic, PermName.toText(perm));
                return null;
            }
            int queueNums = Math.max(1, Math.min(clientDefaultQueueNums, def.getWriteQueueNums()));
            created = new TopicConfig(topic, queueNums, queueNums, perm & ~PermName.PERM_INHERIT);
            created.setTopicFilterType(def.getTopicFilterType());
            created.setTopicSysFlag(topicSysFlag);
            commit(created);
        }
        LOG.info("auto-created topic {} from {}: {}", topic, defaultTopic, created);
        changeListener.changed(created, true);
        return created;
    }

    /** Returns the topic's config, creating it with these settings when absent (retry and DLQ topics). */
    public TopicConfig createIfAbsent(String topic, int queueNums, int perm, int topicSysFlag) {
        TopicConfig existing = table.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig created;
        synchronized (this) {
            existing = table.get(topic);
            if (existing != null) {
                return existing;
            }
            created = new TopicConfig(topic, queueNums, queueNums, perm);
            created.setTopicSysFlag(topicSysFlag);
            commit(created);
        }
        LOG.info("created topic {}", created);
        changeListener.changed(created, false);
        return created;
    }

    /** Creates or replaces a topic (admin). */
    public void update(TopicConfig tc) {
        synchronized (this) {
            commit(tc.copy());
        }
        LOG.info("topic updated: {}", tc);
        changeListener.changed(tc, false);
    }

    /** Removes a topic; true if it existed. */
    public boolean delete(String topic) {
        synchronized (this) {
            if (table.remove(topic) == null) {
                return false;
            }
            dataVersion.next(clock.millis());
            persist();
        }
        LOG.info("topic deleted: {}", topic);
        changeListener.changed(null, false);
        return true;
    }

    /** Replaces the version with a newer one after a change made outside (broker permission). */
    public synchronized void bumpVersion() {
        dataVersion.next(clock.millis());
    }

    private void commit(TopicConfig tc) {
        table.put(tc.getTopicName(), tc);
        dataVersion.next(clock.millis());
        persist();
    }
}
