package io.carrack.store.mmap.internal;

import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.store.StoreProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The mmap store's settings: the shared {@link StoreConfig} plus the keys under {@code store.mmap.}
 * (names and defaults side by side below).
 *
 * @param base               the shared settings
 * @param indexHashSlots     {@code store.mmap.indexHashSlots}: hash slots per index file
 * @param indexMaxEntries    {@code store.mmap.indexMaxEntries}: entries per index file
 * @param diskFullRatio      {@code store.mmap.diskFullRatio}: percent of disk use above which puts are refused
 * @param delayLevels        {@code store.mmap.messageDelayLevel}: delays of the schedule levels, RocketMQ syntax
 * @param checkpointIntervalMillis {@code store.mmap.checkpointIntervalMillis}: how often queues and index are forced
 * @param cleanIntervalMillis      {@code store.mmap.cleanIntervalMillis}: how often retention and disk use are checked
 * @param deleteFilesPerRun  {@code store.mmap.deleteFilesPerRun}: commit-log files removed per retention run
 * @param maxTransferBytes   {@code store.mmap.maxTransferBytes}: bytes one get returns at most (at least one message)
 * @param maxScanEntries     {@code store.mmap.maxScanEntries}: consume-queue entries one get examines at most
 *
 * <p>Thread safety: immutable.
 */
public record MmapStoreConfig(StoreConfig base, int indexHashSlots, int indexMaxEntries, int diskFullRatio,
                              long[] delayLevels, long checkpointIntervalMillis, long cleanIntervalMillis,
                              int deleteFilesPerRun, int maxTransferBytes, int maxScanEntries) {
    public static final String INDEX_HASH_SLOTS = "indexHashSlots";
    public static final int INDEX_HASH_SLOTS_DEFAULT = 1_000_000;
    public static final String INDEX_MAX_ENTRIES = "indexMaxEntries";
    public static final int INDEX_MAX_ENTRIES_DEFAULT = 4_000_000;
    public static final String DISK_FULL_RATIO = "diskFullRatio";
    public static final int DISK_FULL_RATIO_DEFAULT = 95;
    public static final String MESSAGE_DELAY_LEVEL = "messageDelayLevel";
    public static final String MESSAGE_DELAY_LEVEL_DEFAULT = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    public static final String CHECKPOINT_INTERVAL_MILLIS = "checkpointIntervalMillis";
    public static final long CHECKPOINT_INTERVAL_MILLIS_DEFAULT = 1000;
    public static final String CLEAN_INTERVAL_MILLIS = "cleanIntervalMillis";
    public static final long CLEAN_INTERVAL_MILLIS_DEFAULT = 10_000;
    public static final String DELETE_FILES_PER_RUN = "deleteFilesPerRun";
    public static final int DELETE_FILES_PER_RUN_DEFAULT = 10;
    public static final String MAX_TRANSFER_BYTES = "maxTransferBytes";
    public static final int MAX_TRANSFER_BYTES_DEFAULT = 256 * 1024;
    public static final String MAX_SCAN_ENTRIES = "maxScanEntries";
    public static final int MAX_SCAN_ENTRIES_DEFAULT = 800;
    /** RocketMQ's broker.conf key for the commit-log directory; the broker hands it over unprefixed. */
    public static final String STORE_PATH_COMMIT_LOG = "storePathCommitLog";
    /** Every key above: what the store reads under {@code store.mmap.}. */
    public static final Set<String> KEYS = Set.of(INDEX_HASH_SLOTS, INDEX_MAX_ENTRIES, DISK_FULL_RATIO,
            MESSAGE_DELAY_LEVEL, CHECKPOINT_INTERVAL_MILLIS, CLEAN_INTERVAL_MILLIS, DELETE_FILES_PER_RUN,
            MAX_TRANSFER_BYTES, MAX_SCAN_ENTRIES, STORE_PATH_COMMIT_LOG);

    /** Reads and validates the settings. */
    public static MmapStoreConfig from(StoreConfig base) {
        Map<String, String> p = base.storeProperties();
        StoreProperties props = new StoreProperties("mmap", p);
        if (base.commitLogFileSize() < 4096) {
            throw new StoreException("mapedFileSizeCommitLog must be at least 4096 bytes: " + base.commitLogFileSize());
        }
        if (base.consumeQueueFileSize() < ConsumeQueueDescriptor.ENTRY_LENGTH) {
            throw new StoreException("mapedFileSizeConsumeQueue must hold at least one 20-byte entry: "
                    + base.consumeQueueFileSize());
        }
        long[] levels;
        try {
            levels = TagsCodes.parseLevels(p.getOrDefault(MESSAGE_DELAY_LEVEL, MESSAGE_DELAY_LEVEL_DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new StoreException("store.mmap." + MESSAGE_DELAY_LEVEL + ": " + e.getMessage(), e);
        }
        return new MmapStoreConfig(base,
                props.intValue(INDEX_HASH_SLOTS, INDEX_HASH_SLOTS_DEFAULT, 1),
                props.intValue(INDEX_MAX_ENTRIES, INDEX_MAX_ENTRIES_DEFAULT, 1),
                props.intValue(DISK_FULL_RATIO, DISK_FULL_RATIO_DEFAULT, 1),
                levels,
                props.intValue(CHECKPOINT_INTERVAL_MILLIS, (int) CHECKPOINT_INTERVAL_MILLIS_DEFAULT, 1),
                props.intValue(CLEAN_INTERVAL_MILLIS, (int) CLEAN_INTERVAL_MILLIS_DEFAULT, 1),
                props.intValue(DELETE_FILES_PER_RUN, DELETE_FILES_PER_RUN_DEFAULT, 1),
                props.intValue(MAX_TRANSFER_BYTES, MAX_TRANSFER_BYTES_DEFAULT, 1),
                props.intValue(MAX_SCAN_ENTRIES, MAX_SCAN_ENTRIES_DEFAULT, 1));
    }

    /** The commit-log directory: {@code storePathCommitLog} when set, else {@code <root>/commitlog}. */
    public Path commitLogDir() {
        String dir = base.storeProperties().get(STORE_PATH_COMMIT_LOG);
        return dir == null || dir.isBlank() ? base.rootDir().resolve("commitlog") : Path.of(dir.trim());
    }
}
