package io.carrack.client.internal.consumer;

import io.carrack.common.message.MessageQueue;
import java.util.Map;
import java.util.Set;

/**
 * Where a consumer keeps the next offset to consume per queue: on the brokers (clustering) or in a
 * local file (broadcasting).
 *
 * <p>Thread safety: implementations are thread-safe.
 */
interface OffsetStore {
    /** Where {@link #read} looks. */
    enum ReadType {
        /** The in-memory table only. */
        MEMORY,
        /** The backing store only (the broker, or the file as loaded). */
        STORE,
        /** Memory, then the store when memory has nothing. */
        MEMORY_THEN_STORE
    }

    /** Loads what the backing store holds at start. */
    void load();

    /** Records an offset in memory; with {@code increaseOnly} a smaller value is ignored. */
    void update(MessageQueue mq, long offset, boolean increaseOnly);

    /**
     * The offset of a queue, or -1 when none is known.
     *
     * @throws io.carrack.client.ClientException when the broker could not be asked
     */
    long read(MessageQueue mq, ReadType type);

    /** Writes the offsets of these queues to the backing store; others are forgotten in memory. */
    void persistAll(Set<MessageQueue> mqs);

    /** Like {@link #persistAll}, but returns only once the offsets are stored (an explicit commit). */
    default void persistAllNow(Set<MessageQueue> mqs) {
        persistAll(mqs);
    }

    /** Writes one queue's offset to the backing store. */
    void persist(MessageQueue mq);

    /** Forgets a queue in memory. */
    void remove(MessageQueue mq);

    /** A copy of the in-memory table. */
    Map<MessageQueue, Long> snapshot();
}
