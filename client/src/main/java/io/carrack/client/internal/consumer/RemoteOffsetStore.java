package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.internal.ClientInstance;
import io.carrack.common.message.MessageQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets of a clustering group, kept on the master of each queue's broker: read with
 * QUERY_CONSUMER_OFFSET, written with UPDATE_CONSUMER_OFFSET (oneway).
 *
 * <p>Thread safety: thread-safe.
 */
final class RemoteOffsetStore implements OffsetStore {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteOffsetStore.class);

    private final ClientInstance client;
    private final String group;
    private final Map<MessageQueue, AtomicLong> table = new ConcurrentHashMap<>();

    RemoteOffsetStore(ClientInstance client, String group) {
        this.client = client;
        this.group = group;
    }

    @Override
    public void load() {
    }

    @Override
    public void update(MessageQueue mq, long offset, boolean increaseOnly) {
        AtomicLong cur = table.computeIfAbsent(mq, k -> new AtomicLong(offset));
        if (increaseOnly) {
            cur.accumulateAndGet(offset, Math::max);
        } else {
            cur.set(offset);
        }
    }

    @Override
    public long read(MessageQueue mq, ReadType type) {
        if (type != ReadType.STORE) {
            AtomicLong v = table.get(mq);
            if (v != null) {
                return v.get();
            }
            if (type == ReadType.MEMORY) {
                return -1;
            }
        }
        String addr = client.masterAddr(mq.brokerName(), mq.topic());
        if (addr == null) {
            throw new ClientException("no master of broker " + mq.brokerName() + " for " + mq);
        }
        long offset = client.api().queryConsumerOffset(addr, group, mq, client.timeoutMillis());
        if (offset >= 0) {
            update(mq, offset, false);
        }
        return offset;
    }

    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        for (MessageQueue mq : mqs) {
            persist(mq);
        }
        table.keySet().retainAll(mqs);
    }

    @Override
    public void persistAllNow(Set<MessageQueue> mqs) {
        for (MessageQueue mq : mqs) {
            AtomicLong v = table.get(mq);
            String addr = v == null ? null : client.masterAddr(mq.brokerName());
            if (addr != null && !client.api().updateConsumerOffset(addr, group, mq, v.get(), client.timeoutMillis())) {
                LOG.warn("the broker {} refused the offset {} of {}", addr, v.get(), mq);
            }
        }
        table.keySet().retainAll(mqs);
    }

    @Override
    public void persist(MessageQueue mq) {
        AtomicLong v = table.get(mq);
        if (v == null) {
            return;
        }
        String addr = client.masterAddr(mq.brokerName());
        if (addr == null) {
            LOG.debug("no master of {} to persist the offset of {}", mq.brokerName(), mq);
            return;
        }
        try {
            client.api().updateConsumerOffsetOneway(addr, group, mq, v.get(), client.timeoutMillis());
        } catch (RuntimeException e) {
            LOG.debug("persisting the offset of {} failed: {}", mq, e.toString());
        }
    }

    @Override
    public void remove(MessageQueue mq) {
        table.remove(mq);
    }

    @Override
    public Map<MessageQueue, Long> snapshot() {
        Map<MessageQueue, Long> m = new HashMap<>();
        table.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
