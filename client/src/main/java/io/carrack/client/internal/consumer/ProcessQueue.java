package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.internal.MessageDecoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local cache of one assigned queue: pulled messages not yet consumed, ordered by queue offset.
 * The consumed offset of the queue is the smallest offset still cached, or one past the largest
 * offset ever cached once the cache is empty. Orderly consumption moves messages into a "consuming"
 * map until they are committed or put back.
 *
 * <p>Thread safety: thread-safe; the pull thread adds, consume threads remove.
 */
final class ProcessQueue {
    /** A lock older than this without renewal is no longer trusted (rocketmq.client.rebalance.lockMaxLiveTime). */
    static final long LOCK_MAX_LIVE_MILLIS = 30_000;
    /** A queue not pulled for this long is considered stuck and is dropped by rebalance. */
    static final long PULL_MAX_IDLE_MILLIS = 120_000;

    private final Object lock = new Object();
    private final TreeMap<Long, ReceivedMessage> messages = new TreeMap<>();
    private final TreeMap<Long, ReceivedMessage> consuming = new TreeMap<>();
    private final ReentrantLock consumeLock = new ReentrantLock();
    private long cachedBytes;
    private long maxOffset = -1;
    private boolean consumingOrderly;
    private volatile boolean dropped;
    private volatile boolean locked;
    private volatile long lastLockMillis;
    private volatile long lastPullMillis = System.currentTimeMillis();

    /**
     * Caches pulled messages.
     *
     * @return for orderly consumption, whether a consume task should be started (none is running)
     */
    boolean put(List<ReceivedMessage> msgs) {
        synchronized (lock) {
            for (ReceivedMessage m : msgs) {
                if (messages.put(m.queueOffset(), m) == null) {
                    cachedBytes += m.body().length;
                }
                maxOffset = Math.max(maxOffset, m.queueOffset());
            }
            if (!messages.isEmpty() && !consumingOrderly) {
                consumingOrderly = true;
                return true;
            }
            return false;
        }
    }

    /**
     * Removes consumed messages.
     *
     * @return the queue's consumed offset afterwards, or -1 if nothing was cached
     */
    long remove(List<ReceivedMessage> msgs) {
        synchronized (lock) {
            if (messages.isEmpty()) {
                return -1;
            }
            for (ReceivedMessage m : msgs) {
                ReceivedMessage prev = messages.remove(m.queueOffset());
                if (prev != null) {
                    cachedBytes -= prev.body().length;
                }
            }
            return messages.isEmpty() ? maxOffset + 1 : messages.firstKey();
        }
    }

    /** Number of cached messages (including those being consumed orderly). */
    int count() {
        synchronized (lock) {
            return messages.size() + consuming.size();
        }
    }

    /** Bytes of cached bodies. */
    long bytes() {
        synchronized (lock) {
            return cachedBytes;
        }
    }

    /** Distance between the smallest and largest cached offsets. */
    long span() {
        synchronized (lock) {
            return messages.isEmpty() ? 0 : messages.lastKey() - messages.firstKey();
        }
    }

    /** Orderly: moves up to {@code n} of the smallest offsets into the consuming map and returns them. */
    List<ReceivedMessage> take(int n) {
        synchronized (lock) {
            List<ReceivedMessage> out = new ArrayList<>(n);
            while (out.size() < n && !messages.isEmpty()) {
                Map.Entry<Long, ReceivedMessage> e = messages.pollFirstEntry();
                consuming.put(e.getKey(), e.getValue());
                out.add(e.getValue());
            }
            if (out.isEmpty()) {
                consumingOrderly = false;
            }
            return out;
        }
    }

    /**
     * Orderly: the consuming messages are done.
     *
     * @return the offset to commit (one past the largest consumed), or -1 if none were consuming
     */
    long commit() {
        synchronized (lock) {
            if (consuming.isEmpty()) {
                return -1;
            }
            long next = consuming.lastKey() + 1;
            for (ReceivedMessage m : consuming.values()) {
                cachedBytes -= m.body().length;
            }
            consuming.clear();
            return next;
        }
    }

    /** Orderly: puts messages back to be consumed again, with their reconsume count raised by one. */
    void reconsume(List<ReceivedMessage> msgs) {
        synchronized (lock) {
            for (ReceivedMessage m : msgs) {
                consuming.remove(m.queueOffset());
                messages.put(m.queueOffset(), MessageDecoding.withReconsumeTimes(m, m.reconsumeTimes() + 1));
            }
        }
    }

    /** Orderly: forgets the messages being consumed without committing (e.g. moved to the DLQ). */
    void discardConsuming(List<ReceivedMessage> msgs) {
        synchronized (lock) {
            for (ReceivedMessage m : msgs) {
                consuming.remove(m.queueOffset());
            }
        }
    }

    /** Drops every cached message. */
    void clear() {
        synchronized (lock) {
            messages.clear();
            consuming.clear();
            cachedBytes = 0;
        }
    }

    /** Held while an orderly listener runs, so a rebalance does not unlock a queue mid-batch. */
    ReentrantLock consumeLock() {
        return consumeLock;
    }

    boolean isDropped() {
        return dropped;
    }

    void drop() {
        dropped = true;
    }

    boolean isLocked() {
        return locked;
    }

    void locked(boolean value, long nowMillis) {
        locked = value;
        if (value) {
            lastLockMillis = nowMillis;
        }
    }

    boolean isLockExpired(long nowMillis) {
        return nowMillis - lastLockMillis > LOCK_MAX_LIVE_MILLIS;
    }

    void pulled(long nowMillis) {
        lastPullMillis = nowMillis;
    }

    boolean isPullExpired(long nowMillis) {
        return nowMillis - lastPullMillis > PULL_MAX_IDLE_MILLIS;
    }
}
