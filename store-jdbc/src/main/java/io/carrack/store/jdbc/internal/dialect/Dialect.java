package io.carrack.store.jdbc.internal.dialect;

import io.carrack.spi.store.FlushMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between the databases the JDBC store runs on: column types, how a missing table is reported,
 * how a commit is made durable, and how one store claims a database for itself.
 *
 * <p>Thread safety: implementations are stateless.
 */
public interface Dialect {
    /** A short name for logs, e.g. {@code H2}. */
    String name();

    /** The SQL type of the column holding a record in the stored layout. */
    String binaryType();

    /** Whether the exception says a table (or relation) does not exist. */
    boolean isUndefinedTable(SQLException e);

    /**
     * Prepares the writer's connection for the flush mode (for example PostgreSQL's {@code synchronous_commit}
     * for ASYNC_FLUSH, H2's write delay).
     *
     * @param flushIntervalMillis broker.conf {@code flushIntervalCommitLog}
     */
    void configureWriter(Connection writer, FlushMode mode, int flushIntervalMillis) throws SQLException;

    /**
     * Makes what the writer just committed durable, if the database's commit alone does not (H2 writes its
     * file in the background). Called after each committed batch in SYNC_FLUSH mode.
     */
    void afterSyncCommit(Connection writer) throws SQLException;

    /**
     * Claims the store for this process on a connection held open while the store is open, so that a second
     * broker pointed at the same database and schema fails at once.
     *
     * @return empty if claimed, else why not
     */
    Optional<String> claim(Connection holder, String schema) throws SQLException;

    /**
     * Whether the exception says the connection (or the database behind it) is gone: the pool then drops the
     * connection and a read is retried once on another.
     */
    boolean isConnectionLost(SQLException e);

    /** Whether CREATE INDEX takes a schema-qualified index name (H2) or not (PostgreSQL: the table's schema). */
    boolean qualifiesIndexNames();

    /** Adds driver properties: connect and login timeouts where the driver takes them. */
    void addConnectProperties(Properties properties, long connectTimeoutMillis);

    /** The dialect for a JDBC URL. */
    static Optional<Dialect> forUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return Optional.of(new H2Dialect());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        }
        return Optional.empty();
    }

    /** URL prefixes of the supported databases, for error messages. */
    static List<String> supportedPrefixes() {
        return List.of("jdbc:h2:", "jdbc:postgresql:");
    }
}
