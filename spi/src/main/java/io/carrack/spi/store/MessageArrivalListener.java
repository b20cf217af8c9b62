package io.carrack.spi.store;

/**
 * Told when a message becomes readable through {@link MessageStore#get}. The broker uses it to wake
 * long-polling pulls at once.
 *
 * <p>Thread safety: called from the store's dispatch thread; implementations must not block.
 */
@FunctionalInterface
public interface MessageArrivalListener {
    /** A listener that ignores arrivals. */
    MessageArrivalListener NONE = (topic, queueId, nextOffset, tagsCode) -> { };

    /**
     * A message arrived.
     *
     * @param topic      its topic
     * @param queueId    its queue
     * @param nextOffset the queue's max offset after it (its queue offset + 1)
     * @param tagsCode   its tags code
     */
    void onArrival(String topic, int queueId, long nextOffset, long tagsCode);
}
