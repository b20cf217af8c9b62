package io.carrack.store.jdbc.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues the store knows, by (topic, queue id) and by key. Only committed queues are here: the writer
 * adds a new queue after the transaction that created it commits.
 *
 * <p>Thread safety: safe for concurrent use; changed by the writer thread only.
 */
final class QueueTable {
    private final Map<String, Map<Integer, QueueState>> byTopic = new ConcurrentHashMap<>();
    private final Map<Long, QueueState> byKey = new ConcurrentHashMap<>();

    QueueState find(String topic, int queueId) {
        Map<Integer, QueueState> queues = byTopic.get(topic);
        return queues == null ? null : queues.get(queueId);
    }

    QueueState byKey(long key) {
        return byKey.get(key);
    }

    void add(QueueState q) {
        byTopic.computeIfAbsent(q.topic, t -> new ConcurrentHashMap<>()).put(q.queueId, q);
        byKey.put(q.key, q);
    }

    /** The queues of a topic (a snapshot). */
    List<QueueState> ofTopic(String topic) {
        Map<Integer, QueueState> queues = byTopic.get(topic);
        return queues == null ? List.of() : List.copyOf(queues.values());
    }

    void removeTopic(String topic) {
        Map<Integer, QueueState> removed = byTopic.remove(topic);
        if (removed != null) {
            for (QueueState q : removed.values()) {
                byKey.remove(q.key);
            }
        }
    }

    Set<Integer> queueIds(String topic) {
        Map<Integer, QueueState> queues = byTopic.get(topic);
        return queues == null ? Set.of() : Set.copyOf(queues.keySet());
    }

    Collection<QueueState> all() {
        return byKey.values();
    }

    /** The largest key in use, or 0. */
    long maxKey() {
        long max = 0;
        for (long k : byKey.keySet()) {
            max = Math.max(max, k);
        }
        return max;
    }
}
