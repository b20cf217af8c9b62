package io.carrack.store.lmdb.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues the store knows, by topic and queue id, with their committed bounds. Loaded from the
 * {@code queues} database at open; changed only by the writer thread after commits.
 *
 * <p>Thread safety: safe for concurrent reads; one writer.
 */
final class QueueTable {
    private final Map<String, Map<Integer, QueueState>> topics = new ConcurrentHashMap<>();

    /** The queue, or null. */
    QueueState find(String topic, int queueId) {
        Map<Integer, QueueState> queues = topics.get(topic);
        return queues == null ? null : queues.get(queueId);
    }

    /** Adds a queue with its bounds; writer thread or open only. */
    QueueState add(String topic, int queueId, long min, long max) {
        QueueState s = new QueueState(topic, queueId, min, max);
        topics.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(queueId, s);
        return s;
    }

    /** The queue ids of a topic, sorted. */
    Set<Integer> queueIds(String topic) {
        Map<Integer, QueueState> queues = topics.get(topic);
        return queues == null ? Set.of() : Set.copyOf(new TreeSet<>(queues.keySet()));
    }

    /** Forgets a topic; writer thread only. */
    void removeTopic(String topic) {
        topics.remove(topic);
    }

    /** A snapshot of every queue. */
    Collection<QueueState> all() {
        List<QueueState> all = new ArrayList<>();
        for (Map<Integer, QueueState> queues : topics.values()) {
            all.addAll(queues.values());
        }
        return all;
    }
}
