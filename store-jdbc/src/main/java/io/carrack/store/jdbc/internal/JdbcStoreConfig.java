package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.store.StoreProperties;
import io.carrack.store.jdbc.internal.dialect.Dialect;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JDBC store's settings: the shared {@link StoreConfig} plus the keys under {@code store.jdbc.} (names and
 * defaults side by side below). Without {@code url} the store uses an embedded H2 file database under
 * {@code storePathRootDir/jdbc}.
 *
 * @param base               the shared settings
 * @param url                {@code store.jdbc.url}: JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
 * @param user               {@code store.jdbc.user}
 * @param password           {@code store.jdbc.password}
 * @param schema             {@code store.jdbc.schema}: schema of the store's tables, created if missing; empty
 *                           for the connection's default schema
 * @param poolSize           {@code store.jdbc.poolSize}: connections for reads and maintenance (the writer has its own)
 * @param connectTimeoutMillis {@code store.jdbc.connectTimeoutMillis}: how long to wait for a connection
 * @param maxBatchMessages   {@code store.jdbc.maxBatchMessages}: messages committed in one writer transaction at most
 * @param maxBatchBytes      {@code store.jdbc.maxBatchBytes}: bytes committed in one writer transaction at most
 *                           (a single larger put still goes alone)
 * @param maxPendingBytes    {@code store.jdbc.maxPendingBytes}: bytes accepted but not yet committed at most; a put
 *                           that does not fit waits (up to {@code syncFlushTimeout}, then OS_PAGECACHE_BUSY)
 * @param maxTransferBytes   {@code store.jdbc.maxTransferBytes}: bytes one get returns at most (at least one message)
 * @param maxScanEntries     {@code store.jdbc.maxScanEntries}: queue entries one get examines at most
 * @param cleanIntervalMillis {@code store.jdbc.cleanIntervalMillis}: how often the {@code deleteWhen} hour is checked
 * @param deleteRowsPerRun   {@code store.jdbc.deleteRowsPerRun}: rows one scheduled retention run removes at most
 * @param deleteRowsPerTransaction {@code store.jdbc.deleteRowsPerTransaction}: rows removed per retention transaction
 *
 * <p>Thread safety: immutable.
 */
public record JdbcStoreConfig(StoreConfig base, String url, String user, String password, String schema,
                              int poolSize, long connectTimeoutMillis, int maxBatchMessages, int maxBatchBytes,
                              int maxPendingBytes, int maxTransferBytes, int maxScanEntries, long cleanIntervalMillis,
                              int deleteRowsPerRun, int deleteRowsPerTransaction) {
    /** The prefix of the keys in broker.conf. */
    public static final String PREFIX = "store.jdbc.";
    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String SCHEMA = "schema";
    public static final String POOL_SIZE = "poolSize";
    public static final int POOL_SIZE_DEFAULT = 4;
    public static final String CONNECT_TIMEOUT_MILLIS = "connectTimeoutMillis";
    public static final long CONNECT_TIMEOUT_MILLIS_DEFAULT = 30_000;
    public static final String MAX_BATCH_MESSAGES = "maxBatchMessages";
    public static final int MAX_BATCH_MESSAGES_DEFAULT = 2048;
    public static final String MAX_BATCH_BYTES = "maxBatchBytes";
    public static final int MAX_BATCH_BYTES_DEFAULT = 4 * 1024 * 1024;
    public static final String MAX_PENDING_BYTES = "maxPendingBytes";
    public static final int MAX_PENDING_BYTES_DEFAULT = 32 * 1024 * 1024;
    public static final String MAX_TRANSFER_BYTES = "maxTransferBytes";
    public static final int MAX_TRANSFER_BYTES_DEFAULT = 256 * 1024;
    public static final String MAX_SCAN_ENTRIES = "maxScanEntries";
    public static final int MAX_SCAN_ENTRIES_DEFAULT = 800;
    public static final String CLEAN_INTERVAL_MILLIS = "cleanIntervalMillis";
    public static final long CLEAN_INTERVAL_MILLIS_DEFAULT = 10_000;
    public static final String DELETE_ROWS_PER_RUN = "deleteRowsPerRun";
    public static final int DELETE_ROWS_PER_RUN_DEFAULT = 200_000;
    public static final String DELETE_ROWS_PER_TRANSACTION = "deleteRowsPerTransaction";
    public static final int DELETE_ROWS_PER_TRANSACTION_DEFAULT = 5_000;

    /** Every key above: what the store reads under {@code store.jdbc.}. */
    public static final Set<String> KEYS = Set.of(URL, USER, PASSWORD, SCHEMA, POOL_SIZE, CONNECT_TIMEOUT_MILLIS,
            MAX_BATCH_MESSAGES, MAX_BATCH_BYTES, MAX_PENDING_BYTES, MAX_TRANSFER_BYTES, MAX_SCAN_ENTRIES,
            CLEAN_INTERVAL_MILLIS, DELETE_ROWS_PER_RUN, DELETE_ROWS_PER_TRANSACTION);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)((?:password|sslpassword)=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    /** Reads and validates the settings. */
    public static JdbcStoreConfig from(StoreConfig base) {
        Map<String, String> p = base.storeProperties();
        StoreProperties props = new StoreProperties("jdbc", p);
        String url = trimToNull(p.get(URL));
        String user = p.get(USER);
        String password = p.get(PASSWORD);
        if (url == null) {
            url = defaultH2Url(base.rootDir());
            user = user == null ? "sa" : user;
            password = password == null ? "" : password;
        }
        if (Dialect.forUrl(url).isEmpty()) {
            throw new StoreException(PREFIX + URL + " must start with one of " + Dialect.supportedPrefixes() + ": "
                    + mask(url));
        }
        String schema = p.getOrDefault(SCHEMA, "").trim();
        if (!schema.isEmpty() && !IDENTIFIER.matcher(schema).matches()) {
            throw new StoreException(PREFIX + SCHEMA + " must be a plain SQL identifier (letters, digits, _): '"
                    + schema + "'");
        }
        return new JdbcStoreConfig(base, url, user, password, schema,
                props.intValue(POOL_SIZE, POOL_SIZE_DEFAULT, 1),
                props.intValue(CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT_MILLIS_DEFAULT, 250),
                props.intValue(MAX_BATCH_MESSAGES, MAX_BATCH_MESSAGES_DEFAULT, 1),
                props.intValue(MAX_BATCH_BYTES, MAX_BATCH_BYTES_DEFAULT, 1),
                props.intValue(MAX_PENDING_BYTES, MAX_PENDING_BYTES_DEFAULT, 1024),
                props.intValue(MAX_TRANSFER_BYTES, MAX_TRANSFER_BYTES_DEFAULT, 1),
                props.intValue(MAX_SCAN_ENTRIES, MAX_SCAN_ENTRIES_DEFAULT, 1),
                props.intValue(CLEAN_INTERVAL_MILLIS, (int) CLEAN_INTERVAL_MILLIS_DEFAULT, 1),
                props.intValue(DELETE_ROWS_PER_RUN, DELETE_ROWS_PER_RUN_DEFAULT, 1),
                props.intValue(DELETE_ROWS_PER_TRANSACTION, DELETE_ROWS_PER_TRANSACTION_DEFAULT, 1));
    }

    /** The embedded H2 database under {@code root/jdbc}. */
    static String defaultH2Url(Path root) {
        // DB_CLOSE_ON_EXIT=FALSE: the store, not H2's shutdown hook, decides when the database closes.
        return "jdbc:h2:file:" + root.resolve("jdbc").resolve("carrack").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The dialect of the URL. */
    public Dialect dialect() {
        return Dialect.forUrl(url).orElseThrow();
    }

    /** The URL with passwords replaced by {@code ***}, for messages and logs. */
    public String maskedUrl() {
        return mask(url);
    }

    /** The name of a table of the store, qualified with the schema if one is set. */
    public String table(String name) {
        return schema.isEmpty() ? name : schema + "." + name;
    }

    /** A URL with passwords replaced by {@code ***}. */
    static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_SECRET.matcher(url).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return "JdbcStoreConfig[url=" + maskedUrl() + ", user=" + user + ", schema=" + schema + ", poolSize="
                + poolSize + ", maxBatchMessages=" + maxBatchMessages + ", flush=" + base.flushMode() + "]";
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
