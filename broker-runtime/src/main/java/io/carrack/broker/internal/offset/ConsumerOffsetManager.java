package io.carrack.broker.internal.offset;

import io.carrack.broker.internal.persist.JsonConfigFile;
import io.carrack.remoting.protocol.body.ConsumerOffsetSerializeWrapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed consumer offsets per (group, topic, queue): the next offset to consume. Kept in memory,
 * written to {@code config/consumerOffset.json} periodically and at shutdown, in RocketMQ's shape
 * {@code {"offsetTable":{"topic@group":{queueId:offset}}}}.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ConsumerOffsetManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerOffsetManager.class);
    private static final String SEPARATOR = "@";

    private final JsonConfigFile file;
    private final ConcurrentMap<String, ConcurrentMap<Integer, Long>> table = new ConcurrentHashMap<>();

    public ConsumerOffsetManager(Path configDir) {
        this.file = new JsonConfigFile(configDir.resolve("consumerOffset.json"));
    }

    /** Loads {@code consumerOffset.json}. */
    public void load() {
        file.read(ConsumerOffsetSerializeWrapper.class).ifPresent(w -> {
            w.getOffsetTable().forEach((k, v) -> table.put(k, new ConcurrentHashMap<>(v)));
            LOG.info("loaded offsets of {} topic@group pairs from {}", table.size(), file.path());
        });
    }

    /** Writes {@code consumerOffset.json}. */
    public void persist() {
        file.write(snapshot());
    }

    /** Records an offset. */
    public void commit(String group, String topic, int queueId, long offset) {
        table.computeIfAbsent(topic + SEPARATOR + group, k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** The stored offset, or -1. */
    public long query(String group, String topic, int queueId) {
        Map<Integer, Long> m = table.get(topic + SEPARATOR + group);
        if (m == null) {
            return -1;
        }
        Long v = m.get(queueId);
        return v == null ? -1 : v;
    }

    /** Offsets of a group on a topic by queue id; empty when none. */
    public Map<Integer, Long> queryAll(String group, String topic) {
        Map<Integer, Long> m = table.get(topic + SEPARATOR + group);
        return m == null ? Map.of() : new HashMap<>(m);
    }

    /** Topics a group has offsets for. */
    public Set<String> topicsOfGroup(String group) {
        Set<String> topics = new HashSet<>();
        for (String key : table.keySet()) {
            int at = key.lastIndexOf(SEPARATOR);
            if (at > 0 && key.substring(at + 1).equals(group)) {
                topics.add(key.substring(0, at));
            }
        }
        return topics;
    }

    /** Groups with offsets on a topic. */
    public Set<String> groupsOfTopic(String topic) {
        Set<String> groups = new HashSet<>();
        for (String key : table.keySet()) {
            int at = key.lastIndexOf(SEPARATOR);
            if (at > 0 && key.substring(0, at).equals(topic)) {
                groups.add(key.substring(at + 1));
            }
        }
        return groups;
    }

    /** Removes every offset of a group. */
    public void removeGroup(String group) {
        table.keySet().removeIf(key -> key.endsWith(SEPARATOR + group) && key.lastIndexOf(SEPARATOR)
                == key.length() - group.length() - 1);
    }

    /** A copy of all offsets. */
    public ConsumerOffsetSerializeWrapper snapshot() {
        ConsumerOffsetSerializeWrapper w = new ConsumerOffsetSerializeWrapper();
        Map<String, Map<Integer, Long>> copy = new HashMap<>();
        table.forEach((k, v) -> copy.put(k, new HashMap<>(v)));
        w.setOffsetTable(copy);
        return w;
    }
}
