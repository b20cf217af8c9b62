package io.carrack.spi.store;

/** Outcome of a put. Only {@link #OK}, {@link #FLUSH_DISK_TIMEOUT} and the slave statuses mean stored. */
public enum PutStatus {
    OK,
    /** Stored, but not forced to disk within {@code syncFlushTimeout}. */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but no slave confirmed it in time. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but no slave is connected or it lags too far. */
    SLAVE_NOT_AVAILABLE,
    /** The store is closed, read-only or a slave. */
    SERVICE_NOT_AVAILABLE,
    /** Could not create the next file. */
    CREATE_MAPPED_FILE_FAILED,
    /** The message is too large or malformed (topic length, properties length). */
    MESSAGE_ILLEGAL,
    /** The properties exceed their limit. */
    PROPERTIES_SIZE_EXCEEDED,
    /** The store is too busy to accept writes. */
    OS_PAGECACHE_BUSY,
    /** The disk or map is full; nothing was written. */
    STORE_FULL,
    UNKNOWN_ERROR;

    /** Whether the message was stored. */
    public boolean stored() {
        return this == OK || this == FLUSH_DISK_TIMEOUT || this == FLUSH_SLAVE_TIMEOUT || this == SLAVE_NOT_AVAILABLE;
    }
}
