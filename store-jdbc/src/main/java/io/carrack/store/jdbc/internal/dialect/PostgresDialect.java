package io.carrack.store.jdbc.internal.dialect;

import io.carrack.spi.store.FlushMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL. A commit is durable once it returns (WAL flushed) with the default {@code synchronous_commit};
 * ASYNC_FLUSH turns that off for the writer's session, so a commit returns before its WAL is flushed (the
 * server flushes within {@code wal_writer_delay}; a clean server shutdown loses nothing). The store claims its
 * schema with a session-level advisory lock.
 *
 * <p>Thread safety: stateless.
 */
public final class PostgresDialect implements Dialect {
    /** The writer's {@code application_name}, to tell its session apart in {@code pg_stat_activity}. */
    public static final String WRITER_APPLICATION_NAME = "carrack-store-jdbc-writer";
    /** SQLSTATE undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String binaryType() {
        return "BYTEA";
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        // connection exceptions, and the server shutting down or terminating the session
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    @Override
    public boolean qualifiesIndexNames() {
        return false;
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        return UNDEFINED_TABLE.equals(e.getSQLState());
    }

    @Override
    public void configureWriter(Connection writer, FlushMode mode, int flushIntervalMillis) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("SET application_name TO '" + WRITER_APPLICATION_NAME + "'");
            if (mode == FlushMode.ASYNC_FLUSH) {
                s.execute("SET synchronous_commit TO off");
            }
        }
    }

    @Override
    public void afterSyncCommit(Connection writer) {
        // the commit itself waited for the WAL flush
    }

    @Override
    public Optional<String> claim(Connection holder, String schema) throws SQLException {
        try (PreparedStatement ps = holder.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.of("another Carrack store holds the advisory lock of schema " + schema);
                }
                return Optional.empty();
            }
        }
    }

    @Override
    public void addConnectProperties(Properties properties, long connectTimeoutMillis) {
        long seconds = Math.max(1, (connectTimeoutMillis + 999) / 1000);
        properties.setProperty("connectTimeout", Long.toString(seconds));
        properties.setProperty("loginTimeout", Long.toString(seconds));
        properties.setProperty("ApplicationName", "carrack-store-jdbc");
    }

    /** A stable 64-bit key for the advisory lock of a schema. */
    static long lockKey(String schema) {
        long h = 0xcbf29ce484222325L ^ 0x43617272_61636BL;
        for (byte b : ("carrack-store-jdbc:" + schema).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
