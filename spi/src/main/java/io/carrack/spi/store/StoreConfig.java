package io.carrack.spi.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Store settings taken from broker.conf. Keys shared by all stores are fields; the keys under
 * {@code store.<type>.} arrive in {@link #storeProperties()} with that prefix removed.
 *
 * @param rootDir                 {@code storePathRootDir}
 * @param flushMode               {@code flushDiskType}
 * @param commitLogFileSize       {@code mapedFileSizeCommitLog} (bytes per commit-log file)
 * @param consumeQueueFileSize    {@code mapedFileSizeConsumeQueue} (bytes per consume-queue file)
 * @param maxMessageSize          {@code maxMessageSize} (largest body accepted)
 * @param syncFlushTimeoutMillis  {@code syncFlushTimeout}
 * @param flushIntervalMillis     {@code flushIntervalCommitLog} (async flush period)
 * @param fileReservedHours       {@code fileReservedTime}
 * @param deleteWhen              {@code deleteWhen}, hours of day for retention, e.g. {@code "04"} or {@code "04;16"}
 * @param diskMaxUsedSpaceRatio   {@code diskMaxUsedSpaceRatio} (percent)
 * @param storeProperties         the {@code store.<type>.*} keys, prefix removed
 */
public record StoreConfig(Path rootDir, FlushMode flushMode, int commitLogFileSize, int consumeQueueFileSize,
                          int maxMessageSize, long syncFlushTimeoutMillis, int flushIntervalMillis,
                          int fileReservedHours, String deleteWhen, int diskMaxUsedSpaceRatio,
                          Map<String, String> storeProperties) {

    /** RocketMQ's default commit-log file size, 1 GiB. */
    public static final int DEFAULT_COMMIT_LOG_FILE_SIZE = 1024 * 1024 * 1024;
    /** RocketMQ's default consume-queue file size, 300,000 entries of 20 bytes. */
    public static final int DEFAULT_CONSUME_QUEUE_FILE_SIZE = 300_000 * 20;

    public StoreConfig {
        Objects.requireNonNull(rootDir, "rootDir");
        Objects.requireNonNull(flushMode, "flushMode");
        storeProperties = Map.copyOf(storeProperties);
    }

    /** RocketMQ's defaults under the given root directory. */
    public static StoreConfig defaults(Path rootDir) {
        return new StoreConfig(rootDir, FlushMode.ASYNC_FLUSH, DEFAULT_COMMIT_LOG_FILE_SIZE,
                DEFAULT_CONSUME_QUEUE_FILE_SIZE, 4 * 1024 * 1024, 5000, 500, 72, "04", 75, Map.of());
    }

    /** A copy with another flush mode. */
    public StoreConfig withFlushMode(FlushMode mode) {
        return new StoreConfig(rootDir, mode, commitLogFileSize, consumeQueueFileSize, maxMessageSize,
                syncFlushTimeoutMillis, flushIntervalMillis, fileReservedHours, deleteWhen, diskMaxUsedSpaceRatio,
                storeProperties);
    }

    /** A copy with other file sizes (tests use small files to cross file boundaries). */
    public StoreConfig withFileSizes(int commitLog, int consumeQueue) {
        return new StoreConfig(rootDir, flushMode, commitLog, consumeQueue, maxMessageSize, syncFlushTimeoutMillis,
                flushIntervalMillis, fileReservedHours, deleteWhen, diskMaxUsedSpaceRatio, storeProperties);
    }

    /** A copy with other store-specific properties. */
    public StoreConfig withStoreProperties(Map<String, String> properties) {
        return new StoreConfig(rootDir, flushMode, commitLogFileSize, consumeQueueFileSize, maxMessageSize,
                syncFlushTimeoutMillis, flushIntervalMillis, fileReservedHours, deleteWhen, diskMaxUsedSpaceRatio,
                properties);
    }
}
