package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.StoreException;
import io.carrack.store.jdbc.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's tables, created and versioned by the store itself. Version 1:
 * <pre>
 * carrack_schema_version (version)                         one row: the schema version
 * carrack_store_state    (state_name PK, state_value)      'min_physical_offset': where the log starts after retention
 * carrack_queue          (queue_key PK, topic, queue_id, min_offset)       unique (topic, queue_id)
 * carrack_message        (phys_offset PK, queue_key, queue_offset, tags_code, store_time, record_size, record)
 *                        unique (queue_key, queue_offset); queue_key/queue_offset are NULL for prepared and
 *                        rolled-back transaction records, which take no queue offset
 * carrack_message_key    (id PK = phys_offset * 16 + n, key_hash, phys_offset)  index (key_hash, phys_offset)
 * </pre>
 * {@code record} holds the RocketMQ stored-layout bytes, QUEUEOFFSET and PHYSICALOFFSET included. There is no
 * index on store time alone: physical offsets grow with store time, so retention walks the primary key from
 * its start, and {@code offsetByTimestamp} binary-searches a queue through the (queue_key, queue_offset) index;
 * a key query filters store time on the rows its key index finds.
 *
 * <p>Creation is idempotent ({@code IF NOT EXISTS}) and the version row is written last, so an interrupted
 * creation is completed at the next open. A database with a newer version than {@link #CURRENT_VERSION} is
 * refused.
 *
 * <p>Thread safety: stateless apart from its configuration; used once while opening.
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** The schema version this code reads and writes. */
    static final int CURRENT_VERSION = 1;
    /** Key of the log start in {@code carrack_store_state}. */
    static final String MIN_PHYSICAL_OFFSET = "min_physical_offset";
    /** Keys indexed per message at most (UNIQ_KEY first, then KEYS tokens): ids are phys_offset * 16 + n. */
    static final int MAX_KEYS_PER_MESSAGE = 16;

    static final String VERSION_TABLE = "carrack_schema_version";
    static final String STATE_TABLE = "carrack_store_state";
    static final String QUEUE_TABLE = "carrack_queue";
    static final String MESSAGE_TABLE = "carrack_message";
    static final String KEY_TABLE = "carrack_message_key";

    private final JdbcStoreConfig config;
    private final Dialect dialect;

    Schema(JdbcStoreConfig config) {
        this.config = config;
        this.dialect = config.dialect();
    }

    /**
     * Creates the schema and tables if missing, or checks the version of existing ones.
     *
     * @throws StoreException if the database holds a newer schema version, or the DDL fails
     */
    void ensure(Connection c) throws SQLException {
        c.setAutoCommit(true);
        if (!config.schema().isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
            }
        }
        Integer version = readVersion(c);
        if (version == null) {
            create(c);
            return;
        }
        if (version > CURRENT_VERSION) {
            throw new StoreException("the database at " + config.maskedUrl() + where() + " holds Carrack JDBC store"
                    + " schema version " + version + ", newer than this Carrack supports (" + CURRENT_VERSION
                    + "); refusing to open it: run a newer Carrack, or point " + JdbcStoreConfig.PREFIX
                    + JdbcStoreConfig.URL + " at another database");
        }
        if (version < CURRENT_VERSION) {
            throw new StoreException("the database at " + config.maskedUrl() + where() + " holds schema version "
                    + version + " and no migration to " + CURRENT_VERSION + " is known");
        }
        LOG.debug("schema version {} at {}{}", version, config.maskedUrl(), where());
    }

    /** The version in the database, or null if the store's tables are not (completely) there. */
    Integer readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + config.table(VERSION_TABLE))) {
            if (rs.next()) {
                int v = rs.getInt(1);
                return rs.wasNull() ? null : v;
            }
            return null;
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return null;
            }
            throw e;
        }
    }

    private void create(Connection c) throws SQLException {
        LOG.info("creating the Carrack JDBC store tables (schema version {}) at {}{}", CURRENT_VERSION,
                config.maskedUrl(), where());
        boolean transactional = c.getMetaData().supportsDataDefinitionAndDataManipulationTransactions();
        c.setAutoCommit(!transactional);
        try (Statement s = c.createStatement()) {
            for (String sql : ddl()) {
                s.execute(sql);
            }
            s.execute("INSERT INTO " + config.table(STATE_TABLE) + " (state_name, state_value) SELECT '"
                    + MIN_PHYSICAL_OFFSET + "', 0 WHERE NOT EXISTS (SELECT 1 FROM " + config.table(STATE_TABLE)
                    + " WHERE state_name = '" + MIN_PHYSICAL_OFFSET + "')");
            s.execute("CREATE TABLE IF NOT EXISTS " + config.table(VERSION_TABLE) + " (version INT NOT NULL)");
            s.execute("INSERT INTO " + config.table(VERSION_TABLE) + " (version) VALUES (" + CURRENT_VERSION + ")");
            if (transactional) {
                c.commit();
            }
        } catch (SQLException e) {
            if (transactional) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The statements creating version 1's tables and indexes. */
    List<String> ddl() {
        String bin = dialect.binaryType();
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + config.table(STATE_TABLE)
                        + " (state_name VARCHAR(64) NOT NULL PRIMARY KEY, state_value BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + config.table(QUEUE_TABLE)
                        + " (queue_key BIGINT NOT NULL PRIMARY KEY, topic VARCHAR(255) NOT NULL,"
                        + " queue_id INT NOT NULL, min_offset BIGINT NOT NULL)",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + index("carrack_queue_topic") + " ON " + config.table(QUEUE_TABLE)
                        + " (topic, queue_id)",
                "CREATE TABLE IF NOT EXISTS " + config.table(MESSAGE_TABLE)
                        + " (phys_offset BIGINT NOT NULL PRIMARY KEY, queue_key BIGINT, queue_offset BIGINT,"
                        + " tags_code BIGINT NOT NULL, store_time BIGINT NOT NULL, record_size INT NOT NULL,"
                        + " record " + bin + " NOT NULL)",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + index("carrack_message_queue") + " ON " + config.table(MESSAGE_TABLE)
                        + " (queue_key, queue_offset)",
                "CREATE TABLE IF NOT EXISTS " + config.table(KEY_TABLE)
                        + " (id BIGINT NOT NULL PRIMARY KEY, key_hash BIGINT NOT NULL, phys_offset BIGINT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + index("carrack_message_key_hash") + " ON " + config.table(KEY_TABLE)
                        + " (key_hash, phys_offset)");
    }

    private String index(String name) {
        return dialect.qualifiesIndexNames() ? config.table(name) : name;
    }

    private String where() {
        return config.schema().isEmpty() ? "" : " (schema " + config.schema() + ")";
    }
}
