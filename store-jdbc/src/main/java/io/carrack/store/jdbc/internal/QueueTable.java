package io.carrack.store.jdbc.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues by (topic, queue id) and by key. The store keeps two: the readable queues (only committed ones: the
 * writer adds a new queue after the transaction that created it commits) and the assigner's (every queue a put
 * was accepted for).
 *
 * <p>Thread safety: safe for concurrent use.
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

    /** Removes a queue, if this very state is the one registered. */
    void remove(QueueState q) {
        Map<Integer, QueueState> queues = byTopic.get(q.topic);
        if (queues != null) {
            queues.remove(q.queueId, q);
            if (queues.isEmpty()) {
                byTopic.remove(q.topic, queues);
            }
        }
        byKey.remove(q.key, q);
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
