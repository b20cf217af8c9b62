package io.carrack.store.jdbc.internal.dialect;

import io.carrack.spi.store.FlushMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Embedded H2 (file database). H2 makes a commit visible at once but writes its file in the background,
 * {@code WRITE_DELAY} ms later: ASYNC_FLUSH sets that delay to {@code flushIntervalCommitLog}, SYNC_FLUSH runs
 * {@code CHECKPOINT SYNC} (write and fsync) after each committed batch before acknowledging it. A second process
 * cannot open the file (H2's file lock); a second store in the same process is refused by the store itself.
 *
 * <p>Thread safety: stateless.
 */
final class H2Dialect implements Dialect {
    /** H2's error code for "table not found" (42S02 is shared with other errors in some versions). */
    private static final int TABLE_NOT_FOUND = 42102;
    private static final int TABLE_NOT_FOUND_DATABASE_EMPTY = 42104;

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String binaryType() {
        return "VARBINARY(1000000000)";
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        int code = e.getErrorCode();
        // DATABASE_CALLED_AT_SHUTDOWN, DATABASE_IS_CLOSED, CONNECTION_BROKEN_1, OBJECT_CLOSED
        return code == 90121 || code == 90098 || code == 90067 || code == 90007
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    @Override
    public boolean qualifiesIndexNames() {
        return true;
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        return e.getErrorCode() == TABLE_NOT_FOUND || e.getErrorCode() == TABLE_NOT_FOUND_DATABASE_EMPTY
                || "42S02".equals(e.getSQLState());
    }

    @Override
    public void configureWriter(Connection writer, FlushMode mode, int flushIntervalMillis) throws SQLException {
        if (mode == FlushMode.ASYNC_FLUSH) {
            try (Statement s = writer.createStatement()) {
                s.execute("SET WRITE_DELAY " + Math.max(1, flushIntervalMillis));
            }
        }
    }

    @Override
    public void afterSyncCommit(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public Optional<String> claim(Connection holder, String schema) {
        return Optional.empty();
    }

    @Override
    public void addConnectProperties(Properties properties, long connectTimeoutMillis) {
        // embedded: nothing to wait for, and H2 rejects settings it does not know
    }
}
