package io.carrack.client.internal.consumer;

import io.carrack.client.internal.ClientInstance;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.protocol.body.LockBatchRequestBody;
import io.carrack.remoting.protocol.body.UnlockBatchRequestBody;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker locks an orderly clustering consumer needs (PROTOCOL.md section 13.13): LOCK_BATCH_MQ
 * for a new queue and every 20 s for all held queues per broker, UNLOCK_BATCH_MQ when a queue is
 * given up and at shutdown.
 *
 * <p>Thread safety: thread-safe.
 */
final class QueueLocks {
    private static final Logger LOG = LoggerFactory.getLogger(QueueLocks.class);

    private final ClientInstance client;
    private final String group;

    QueueLocks(ClientInstance client, String group) {
        this.client = client;
        this.group = group;
    }

    /** Locks one queue; true when this client now holds it. */
    boolean lock(MessageQueue mq, ProcessQueue pq) {
        String addr = client.masterAddr(mq.brokerName(), mq.topic());
        if (addr == null) {
            return false;
        }
        try {
            Set<MessageQueue> locked = client.api().lock(addr, body(Set.of(mq)), client.timeoutMillis());
            boolean ok = locked.contains(mq);
            pq.locked(ok, System.currentTimeMillis());
            return ok;
        } catch (RuntimeException e) {
            LOG.warn("{}: lock of {} failed: {}", group, mq, e.toString());
            return false;
        }
    }

    /** Renews the locks of every held queue, broker by broker. */
    void lockAll(Map<MessageQueue, ProcessQueue> table) {
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        for (MessageQueue mq : table.keySet()) {
            byBroker.computeIfAbsent(mq.brokerName(), k -> new HashSet<>()).add(mq);
        }
        for (Map.Entry<String, Set<MessageQueue>> e : byBroker.entrySet()) {
            String addr = client.masterAddr(e.getKey());
            if (addr == null) {
                continue;
            }
            try {
                Set<MessageQueue> locked = client.api().lock(addr, body(e.getValue()), client.timeoutMillis());
                long now = System.currentTimeMillis();
                for (MessageQueue mq : e.getValue()) {
                    ProcessQueue pq = table.get(mq);
                    if (pq != null) {
                        boolean ok = locked.contains(mq);
                        if (!ok && pq.isLocked()) {
                            LOG.warn("{}: lost the lock of {}", group, mq);
                        }
                        pq.locked(ok, now);
                    }
                }
            } catch (RuntimeException ex) {
                LOG.warn("{}: lock renewal at {} failed: {}", group, e.getKey(), ex.toString());
            }
        }
    }

    /** Unlocks one queue. */
    void unlock(MessageQueue mq, boolean oneway) {
        String addr = client.masterAddr(mq.brokerName());
        if (addr == null) {
            return;
        }
        try {
            client.api().unlock(addr, unlockBody(Set.of(mq)), oneway, client.timeoutMillis());
        } catch (RuntimeException e) {
            LOG.debug("{}: unlock of {} failed: {}", group, mq, e.toString());
        }
    }

    /** Unlocks every given queue, broker by broker, waiting for each answer. */
    void unlockAll(Set<MessageQueue> mqs) {
        Map<String, Set<MessageQueue>> byBroker = new HashMap<>();
        for (MessageQueue mq : mqs) {
            byBroker.computeIfAbsent(mq.brokerName(), k -> new HashSet<>()).add(mq);
        }
        for (Map.Entry<String, Set<MessageQueue>> e : byBroker.entrySet()) {
            String addr = client.masterAddr(e.getKey());
            if (addr == null) {
                continue;
            }
            try {
                client.api().unlock(addr, unlockBody(e.getValue()), false, client.timeoutMillis());
            } catch (RuntimeException ex) {
                LOG.debug("{}: unlock at {} failed: {}", group, e.getKey(), ex.toString());
            }
        }
    }

    private LockBatchRequestBody body(Set<MessageQueue> mqs) {
        LockBatchRequestBody b = new LockBatchRequestBody();
        b.setConsumerGroup(group);
        b.setClientId(client.clientId());
        b.setMqSet(new HashSet<>(mqs));
        return b;
    }

    private UnlockBatchRequestBody unlockBody(Set<MessageQueue> mqs) {
        UnlockBatchRequestBody b = new UnlockBatchRequestBody();
        b.setConsumerGroup(group);
        b.setClientId(client.clientId());
        b.setMqSet(new HashSet<>(mqs));
        return b;
    }
}
