package io.carrack.filter.server.api;

import java.util.Map;

/**
 * A read-only view of one stored message, as a filter class sees it.
 *
 * <p>Thread safety: safe to read from any thread; the view never changes.
 */
public interface MessageView {
    /** The topic. */
    String topic();

    /** The tag ({@code TAGS} property), or null. */
    String tags();

    /** The keys ({@code KEYS} property, space separated), or null. */
    String keys();

    /** One user or system property, or null. */
    String property(String name);

    /** All properties, unmodifiable. */
    Map<String, String> properties();

    /** A copy of the body, decompressed if the producer compressed it. */
    byte[] body();

    /** The body decoded as UTF-8. */
    String bodyAsString();

    /** The message id: the producer's unique key if it set one, else the offset message id. */
    String messageId();

    /** The queue the message is in. */
    int queueId();

    /** The message's offset in its queue. */
    long queueOffset();

    /** The producer's timestamp, ms since the epoch. */
    long bornTimestamp();

    /** The broker's timestamp at storage, ms since the epoch. */
    long storeTimestamp();

    /** How many times the message was consumed again (retries). */
    int reconsumeTimes();

    /** The user flag. */
    int flag();

    /** The message's offset in the broker's commit log. */
    long commitLogOffset();

    /** The system flag bits (compression, transaction state, ...). */
    int sysFlag();

    /** The stored record's size in bytes. */
    int storeSize();

    /** CRC32 of the stored body (masked with 0x7FFFFFFF). */
    int bodyCrc();

    /** The producer's address, {@code ip:port}. */
    String bornHost();

    /** The broker's address, {@code ip:port}. */
    String storeHost();

    /** The commit-log offset of the half message of a transaction message, else 0. */
    long preparedTransactionOffset();
}
