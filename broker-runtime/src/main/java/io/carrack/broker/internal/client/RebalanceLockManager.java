package io.carrack.broker.internal.client;

import io.carrack.common.message.MessageQueue;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Queue locks of orderly consumers (PROTOCOL.md section 13.13): (group, queue) to (client id, last
 * renewal). A lock is granted when free, held by the same client, or not renewed for 60 s.
 *
 * <p>Thread safety: lock and unlock are serialized per group.
 */
public final class RebalanceLockManager {
    /** {@code rocketmq.broker.rebalance.lockMaxLiveTime}. */
    public static final long LOCK_MAX_LIVE_MILLIS = Long.getLong("rocketmq.broker.rebalance.lockMaxLiveTime", 60_000);

    private final InstantSource clock;
    private final ConcurrentMap<String, ConcurrentMap<MessageQueue, LockEntry>> table = new ConcurrentHashMap<>();

    public RebalanceLockManager(InstantSource clock) {
        this.clock = clock;
    }

    private record LockEntry(String clientId, long lastUpdate) {
    }

    /** Tries to lock each queue for the client; returns the queues it now holds. */
    public Set<MessageQueue> tryLock(String group, Set<MessageQueue> mqs, String clientId) {
        ConcurrentMap<MessageQueue, LockEntry> groupTable = table.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        Set<MessageQueue> locked = new HashSet<>();
        long now = clock.millis();
        synchronized (groupTable) {
            for (MessageQueue mq : mqs) {
                LockEntry e = groupTable.get(mq);
                if (e == null || e.clientId().equals(clientId) || now - e.lastUpdate() > LOCK_MAX_LIVE_MILLIS) {
                    groupTable.put(mq, new LockEntry(clientId, now));
                    locked.add(mq);
                }
            }
        }
        return locked;
    }

    /** Releases the queues the client holds. */
    public void unlock(String group, Set<MessageQueue> mqs, String clientId) {
        ConcurrentMap<MessageQueue, LockEntry> groupTable = table.get(group);
        if (groupTable == null) {
            return;
        }
        synchronized (groupTable) {
            for (MessageQueue mq : mqs) {
                LockEntry e = groupTable.get(mq);
                if (e != null && e.clientId().equals(clientId)) {
                    groupTable.remove(mq);
                }
            }
        }
    }
}
