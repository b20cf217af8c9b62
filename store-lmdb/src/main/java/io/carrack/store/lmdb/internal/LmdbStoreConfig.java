package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.store.StoreProperties;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The LMDB store's settings: the shared {@link StoreConfig} plus the keys under {@code store.lmdb.} (names and
 * defaults side by side below).
 *
 * @param base                the shared settings
 * @param mapSize             {@code store.lmdb.mapSize}: bytes of the LMDB map, the most the store can hold;
 *                            a suffix k, m, g or t (powers of 1024) is accepted
 * @param maxReaders          {@code store.lmdb.maxReaders}: concurrent read transactions (gets, look-ups)
 * @param asyncSync           {@code store.lmdb.asyncSync}: with ASYNC_FLUSH, {@code nosync} (commits do not force
 *                            anything) or {@code nometasync} (commits force data but not the meta page)
 * @param writeMap            {@code store.lmdb.writeMap}: use a writable memory map (MDB_WRITEMAP, default): pages
 *                            are changed in place instead of written with one system call each at commit, about
 *                            three times less CPU per transaction; data.mdb then has the map size as its
 *                            (sparse) length
 * @param maxBatchMessages    {@code store.lmdb.maxBatchMessages}: messages one write transaction takes at most
 * @param maxBatchBytes       {@code store.lmdb.maxBatchBytes}: bytes one write transaction takes at most (at
 *                            least one put)
 * @param maxTransferBytes    {@code store.lmdb.maxTransferBytes}: bytes one get returns at most (at least one
 *                            message)
 * @param maxScanEntries      {@code store.lmdb.maxScanEntries}: queue entries one get examines at most
 * @param cleanIntervalMillis {@code store.lmdb.cleanIntervalMillis}: how often the clean service checks
 *                            {@code deleteWhen}
 * @param deleteRecordsPerRun {@code store.lmdb.deleteRecordsPerRun}: records one scheduled retention run
 *                            removes at most (a forced run removes every expired record)
 *
 * <p>Thread safety: immutable.
 */
public record LmdbStoreConfig(StoreConfig base, long mapSize, int maxReaders, AsyncSync asyncSync, boolean writeMap,
                              int maxBatchMessages, int maxBatchBytes, int maxTransferBytes, int maxScanEntries,
                              long cleanIntervalMillis, int deleteRecordsPerRun) {
    public static final String MAP_SIZE = "mapSize";
    public static final long MAP_SIZE_DEFAULT = 16L << 30;
    public static final String MAX_READERS = "maxReaders";
    public static final int MAX_READERS_DEFAULT = 1024;
    public static final String ASYNC_SYNC = "asyncSync";
    public static final AsyncSync ASYNC_SYNC_DEFAULT = AsyncSync.NOSYNC;
    public static final String WRITE_MAP = "writeMap";
    public static final boolean WRITE_MAP_DEFAULT = true;
    public static final String MAX_BATCH_MESSAGES = "maxBatchMessages";
    public static final int MAX_BATCH_MESSAGES_DEFAULT = 1024;
    public static final String MAX_BATCH_BYTES = "maxBatchBytes";
    public static final int MAX_BATCH_BYTES_DEFAULT = 4 * 1024 * 1024;
    public static final String MAX_TRANSFER_BYTES = "maxTransferBytes";
    public static final int MAX_TRANSFER_BYTES_DEFAULT = 256 * 1024;
    public static final String MAX_SCAN_ENTRIES = "maxScanEntries";
    public static final int MAX_SCAN_ENTRIES_DEFAULT = 800;
    public static final String CLEAN_INTERVAL_MILLIS = "cleanIntervalMillis";
    public static final long CLEAN_INTERVAL_MILLIS_DEFAULT = 10_000;
    public static final String DELETE_RECORDS_PER_RUN = "deleteRecordsPerRun";
    public static final int DELETE_RECORDS_PER_RUN_DEFAULT = 1_000_000;
    /** Every key above: what the store reads under {@code store.lmdb.}. */
    public static final Set<String> KEYS = Set.of(MAP_SIZE, MAX_READERS, ASYNC_SYNC, WRITE_MAP, MAX_BATCH_MESSAGES,
            MAX_BATCH_BYTES, MAX_TRANSFER_BYTES, MAX_SCAN_ENTRIES, CLEAN_INTERVAL_MILLIS, DELETE_RECORDS_PER_RUN);

    /** The smallest map accepted: LMDB needs a few pages for its meta pages and databases. */
    static final long MIN_MAP_SIZE = 64 * 1024;

    /** What an ASYNC_FLUSH commit forces to disk. */
    public enum AsyncSync {
        /** MDB_NOSYNC: nothing; the flush service forces every {@code flushIntervalCommitLog} ms. */
        NOSYNC,
        /** MDB_NOMETASYNC: the data pages but not the meta page; the flush service forces the rest. */
        NOMETASYNC
    }

    /** Reads and validates the settings; a bad value names its key. */
    public static LmdbStoreConfig from(StoreConfig base) {
        Map<String, String> p = base.storeProperties();
        StoreProperties props = new StoreProperties("lmdb", p);
        long mapSize = bytesKey(p, MAP_SIZE, MAP_SIZE_DEFAULT);
        if (mapSize < MIN_MAP_SIZE) {
            throw new StoreException(prefix(MAP_SIZE) + " must be at least " + MIN_MAP_SIZE + " bytes: " + mapSize);
        }
        String sync = p.getOrDefault(ASYNC_SYNC, ASYNC_SYNC_DEFAULT.name()).trim();
        AsyncSync asyncSync;
        try {
            asyncSync = AsyncSync.valueOf(sync.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StoreException(prefix(ASYNC_SYNC) + " must be nosync or nometasync: '" + sync + "'", e);
        }
        String writeMap = p.getOrDefault(WRITE_MAP, Boolean.toString(WRITE_MAP_DEFAULT)).trim();
        if (!writeMap.equalsIgnoreCase("true") && !writeMap.equalsIgnoreCase("false")) {
            throw new StoreException(prefix(WRITE_MAP) + " must be true or false: '" + writeMap + "'");
        }
        return new LmdbStoreConfig(base, mapSize,
                props.intValue(MAX_READERS, MAX_READERS_DEFAULT, 1),
                asyncSync,
                Boolean.parseBoolean(writeMap),
                props.intValue(MAX_BATCH_MESSAGES, MAX_BATCH_MESSAGES_DEFAULT, 1),
                props.intValue(MAX_BATCH_BYTES, MAX_BATCH_BYTES_DEFAULT, 1),
                props.intValue(MAX_TRANSFER_BYTES, MAX_TRANSFER_BYTES_DEFAULT, 1),
                props.intValue(MAX_SCAN_ENTRIES, MAX_SCAN_ENTRIES_DEFAULT, 1),
                props.intValue(CLEAN_INTERVAL_MILLIS, (int) CLEAN_INTERVAL_MILLIS_DEFAULT, 1),
                props.intValue(DELETE_RECORDS_PER_RUN, DELETE_RECORDS_PER_RUN_DEFAULT, 1));
    }

    private static String prefix(String key) {
        return "store.lmdb." + key;
    }


    /** A byte count with an optional k/m/g/t suffix (powers of 1024), e.g. {@code 64g}. */
    static long bytesKey(Map<String, String> p, String key, long def) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        if (shift > 0) {
            s = s.substring(0, s.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new StoreException(prefix(key) + " is out of range: '" + v + "'");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new StoreException(prefix(key) + " must be a byte count such as 1073741824 or 64g: '" + v + "'", e);
        }
    }
}
