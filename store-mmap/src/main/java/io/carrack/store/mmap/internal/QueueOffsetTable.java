package io.carrack.store.mmap.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The next queue offset of every (topic, queue), as the put path assigns them. A topic maps to an array
 * indexed by queue id, so a put allocates nothing.
 *
 * <p>Thread safety: not thread-safe; guarded by the commit log's put lock.
 */
final class QueueOffsetTable {
    private final Map<String, long[]> table = new HashMap<>();

    long next(String topic, int queueId) {
        long[] q = table.get(topic);
        return q == null || queueId >= q.length ? 0 : q[queueId];
    }

    void set(String topic, int queueId, long next) {
        long[] q = table.get(topic);
        if (q == null || queueId >= q.length) {
            q = q == null ? new long[Math.max(8, queueId + 1)] : Arrays.copyOf(q, Math.max(q.length * 2, queueId + 1));
            table.put(topic, q);
        }
        q[queueId] = next;
    }

    void removeTopic(String topic) {
        table.remove(topic);
    }
}
