package io.carrack.spi.store;

import io.carrack.common.message.BrokerMessage;
import io.carrack.spi.filter.MessageFilter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A message store: an append-only log of messages in the RocketMQ 4.x stored layout, read per
 * (topic, queue) by contiguous queue offsets starting at the queue's min offset, by physical offset,
 * by key and by time.
 *
 * <p>Physical offsets are the store's global sequence: they only grow, identify one record each, and
 * are what offset message ids carry. Queue offsets are 0, 1, 2, ... per queue, and each record's
 * QUEUEOFFSET field equals its index. Prepared and rolled-back transaction records
 * ({@code MessageSysFlag.transactionType}) take no queue offset and are not returned by {@link #get}.
 *
 * <p>Thread safety: all methods may be called from any thread; puts are serialized by the store.
 * Expected failures come back as statuses; {@link StoreException} means a bug or a broken store.
 */
public interface MessageStore extends AutoCloseable {
    /** Starts background services (flush, dispatch, retention). Called once after open. */
    void start();

    /**
     * Appends one message, assigning queue offset, physical offset and store timestamp. With
     * {@link FlushMode#SYNC_FLUSH} returns only after the bytes are durable, or FLUSH_DISK_TIMEOUT.
     */
    PutResult put(BrokerMessage message);

    /**
     * Appends messages of one topic and queue atomically with contiguous queue offsets: after a crash
     * either all are readable or none.
     */
    PutResult putBatch(List<BrokerMessage> messages);

    /**
     * Reads up to {@code maxCount} messages of a queue from {@code offset}, skipping those the filter
     * rejects (they still advance {@code nextBeginOffset}). The caller closes the result.
     *
     * @param filter the filter, or {@link MessageFilter#ALL}
     */
    GetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter);

    /** The record at a physical offset, as a copy; empty if none is stored there. */
    Optional<ByteBuffer> read(long physicalOffset);

    /**
     * Messages of a topic indexed under {@code key} (a KEYS token or the UNIQ_KEY) with store time in
     * {@code [beginTimestamp, endTimestamp]}, newest first, at most {@code maxCount}.
     */
    QueryResult queryByKey(String topic, String key, int maxCount, long beginTimestamp, long endTimestamp);

    /**
     * The smallest queue offset whose store time is at or after {@code timestamp}; the max offset
     * when every message is older, the min offset when every message is newer.
     */
    long offsetByTimestamp(String topic, int queueId, long timestamp);

    /** The first readable queue offset; 0 for an unknown queue. */
    long minOffset(String topic, int queueId);

    /** One past the last queue offset; 0 for an unknown queue. */
    long maxOffset(String topic, int queueId);

    /** The store time of the message at a queue offset, or -1 if there is none. */
    long storeTimestamp(String topic, int queueId, long offset);

    /** Removes all data of the topics (consume queues and index entries; log bytes age out). */
    void deleteTopics(Set<String> topics);

    /** The queue ids known for a topic. */
    Set<Integer> queueIds(String topic);

    /** Store-level statistics. */
    StoreStats stats();

    /**
     * Applies retention now: removes data older than {@code fileReservedTime}, or the oldest data when
     * disk use exceeds {@code diskMaxUsedSpaceRatio}. Normally run by the store at {@code deleteWhen}.
     *
     * @return how many bytes of log were removed
     */
    long applyRetention(boolean force);

    /** Flushes, stops services and releases files. Idempotent; later calls on the store fail. */
    @Override
    void close();
}
