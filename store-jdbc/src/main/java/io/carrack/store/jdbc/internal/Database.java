package io.carrack.store.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.carrack.spi.store.StoreException;
import io.carrack.store.jdbc.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connections: a holder connection that claims the database (and schema) for this store while it
 * is open, a HikariCP pool for reads, and fresh connections for the writer. Drivers are found by
 * {@link DriverManager} (H2 and PostgreSQL register through {@code META-INF/services}). Opening creates or
 * checks the tables ({@link Schema}).
 *
 * <p>Thread safety: {@link #pool()} and {@link #connect()} may be used from any thread.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Databases (URL and schema) open in this process: a second store on one of them is refused. */
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    private final JdbcStoreConfig config;
    private final String identity;
    private final Connection holder;
    private final HikariDataSource pool;

    private Database(JdbcStoreConfig config, String identity, Connection holder, HikariDataSource pool) {
        this.config = config;
        this.identity = identity;
        this.holder = holder;
        this.pool = pool;
    }

    /**
     * Connects, claims the database, creates or checks the tables and starts the pool.
     *
     * @throws StoreException naming the (masked) URL and the driver's message if any step fails
     */
    static Database open(JdbcStoreConfig config) {
        String identity = config.url() + "|" + config.schema();
        if (!OPEN.add(identity)) {
            throw new StoreException("a JDBC store on " + config.maskedUrl() + schemaNote(config)
                    + " is already open in this process");
        }
        Connection holder = null;
        try {
            holder = connect(config);
            var refusal = config.dialect().claim(holder, config.schema().isEmpty() ? "public" : config.schema());
            if (refusal.isPresent()) {
                throw new StoreException("the JDBC store at " + config.maskedUrl() + schemaNote(config)
                        + " is in use: " + refusal.get());
            }
            new Schema(config).ensure(holder);
            HikariDataSource pool = createPool(config);
            LOG.info("JDBC store database {} ({}){} ready, pool of {}", config.maskedUrl(), config.dialect().name(),
                    schemaNote(config), config.poolSize());
            return new Database(config, identity, holder, pool);
        } catch (SQLException e) {
            closeQuietly(holder);
            OPEN.remove(identity);
            throw new StoreException("cannot prepare the JDBC store database at " + config.maskedUrl()
                    + schemaNote(config) + ": " + sanitize(config, e.getMessage()), sanitized(config, e));
        } catch (RuntimeException e) {
            closeQuietly(holder);
            OPEN.remove(identity);
            if (e instanceof StoreException) {
                throw e;
            }
            throw new StoreException("cannot open the JDBC store database at " + config.maskedUrl()
                    + schemaNote(config) + ": " + sanitize(config, e.getMessage()), e);
        }
    }

    /** The pool for reads. */
    HikariDataSource pool() {
        return pool;
    }

    JdbcStoreConfig config() {
        return config;
    }

    Dialect dialect() {
        return config.dialect();
    }

    /** A new connection outside the pool (the writer's), autocommit off. */
    Connection connect() throws SQLException {
        Connection c = connectRaw(config);
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Opens a connection through {@link DriverManager}.
     *
     * @throws StoreException naming the masked URL and the driver's message
     */
    static Connection connect(JdbcStoreConfig config) {
        try {
            return connectRaw(config);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the JDBC store database at " + config.maskedUrl()
                    + (config.user() == null ? "" : " as user '" + config.user() + "'") + ": "
                    + sanitize(config, e.getMessage()), sanitized(config, e));
        }
    }

    private static Connection connectRaw(JdbcStoreConfig config) throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        config.dialect().addConnectProperties(p, config.connectTimeoutMillis());
        return DriverManager.getConnection(config.url(), p);
    }

    private static HikariDataSource createPool(JdbcStoreConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        if (config.user() != null) {
            hc.setUsername(config.user());
        }
        if (config.password() != null) {
            hc.setPassword(config.password());
        }
        Properties p = new Properties();
        config.dialect().addConnectProperties(p, config.connectTimeoutMillis());
        hc.setDataSourceProperties(p);
        hc.setPoolName("carrack-store-jdbc-pool");
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(Math.max(250, config.connectTimeoutMillis()));
        hc.setAutoCommit(true);
        hc.setThreadFactory(new NamedThreads("carrack-store-jdbc-pool"));
        Dialect dialect = config.dialect();
        hc.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public Override adjudicate(SQLException e) {
                return dialect.isConnectionLost(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
            }
        });
        return new HikariDataSource(hc);
    }

    /** Drops the writer's failed connection. */
    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed", e);
        }
    }

    /** A driver message with the URL and password masked. */
    static String sanitize(JdbcStoreConfig config, String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.replace(config.url(), config.maskedUrl());
        if (config.password() != null && !config.password().isEmpty()) {
            s = s.replace(config.password(), "***");
        }
        return JdbcStoreConfig.mask(s);
    }

    /** The exception, or a copy without secrets in its message (same state, code and stack). */
    private static SQLException sanitized(JdbcStoreConfig config, SQLException e) {
        String clean = sanitize(config, e.getMessage());
        if (clean.equals(e.getMessage())) {
            return e;
        }
        SQLException copy = new SQLException(clean, e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String schemaNote(JdbcStoreConfig config) {
        return config.schema().isEmpty() ? "" : " (schema " + config.schema() + ")";
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            closeQuietly(holder);
            OPEN.remove(identity);
        }
    }

    /** Names the pool's threads {@code carrack-store-jdbc-pool-N}. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
