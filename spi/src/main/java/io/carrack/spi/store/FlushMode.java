package io.carrack.spi.store;

/** When a put is acknowledged relative to its bytes reaching the disk (broker.conf {@code flushDiskType}). */
public enum FlushMode {
    /** The put returns after its bytes are forced to disk (group commit), or FLUSH_DISK_TIMEOUT. */
    SYNC_FLUSH,
    /** The put returns once the bytes are in memory; a background service forces them periodically. */
    ASYNC_FLUSH
}
