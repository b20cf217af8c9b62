package io.carrack.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the store's state from its tables when opening (and after a commit whose outcome is unknown): the
 * queues with their min and max offsets, where the log starts and ends, and the next queue key. Every value
 * comes from an index: the newest row of the primary key, the newest offset of each queue.
 *
 * <p>Thread safety: stateless apart from its configuration.
 */
final class StateLoader {
    private final JdbcStoreConfig config;

    StateLoader(JdbcStoreConfig config) {
        this.config = config;
    }

    /** Fills an empty queue table and the log state. */
    void load(Connection c, QueueTable queues, LogState log) throws SQLException {
        long min = readMinPhysicalOffset(c);
        long end = Math.max(min, readLogEnd(c));
        for (QueueState q : readQueues(c)) {
            queues.add(q);
        }
        log.minPhysicalOffset = min;
        log.maxPhysicalOffset = end;
        log.nextPhysicalOffset = end;
        log.nextQueueKey = queues.maxKey() + 1;
        readNewest(c, log);
    }

    long readMinPhysicalOffset(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state_value FROM " + config.table(Schema.STATE_TABLE)
                + " WHERE state_name = ?")) {
            ps.setString(1, Schema.MIN_PHYSICAL_OFFSET);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** One past the last byte of the newest record, or 0. */
    long readLogEnd(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT phys_offset, record_size FROM "
                + config.table(Schema.MESSAGE_TABLE) + " ORDER BY phys_offset DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) + rs.getInt(2) : 0;
        }
    }

    private void readNewest(Connection c, LogState log) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT phys_offset, store_time FROM "
                + config.table(Schema.MESSAGE_TABLE) + " ORDER BY phys_offset DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                log.lastPhysicalOffset = rs.getLong(1);
                log.lastStoreTime = rs.getLong(2);
            }
        }
    }

    /** Every queue with its min offset and (from its newest row) its max offset. */
    List<QueueState> readQueues(Connection c) throws SQLException {
        List<QueueState> list = new ArrayList<>();
        List<long[]> keysAndMins = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_key, topic, queue_id, min_offset FROM "
                + config.table(Schema.QUEUE_TABLE));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keysAndMins.add(new long[] {rs.getLong(1), rs.getLong(4)});
                topics.add(rs.getString(2));
                ids.add(rs.getInt(3));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_offset FROM "
                + config.table(Schema.MESSAGE_TABLE) + " WHERE queue_key = ? ORDER BY queue_offset DESC LIMIT 1")) {
            for (int i = 0; i < keysAndMins.size(); i++) {
                long key = keysAndMins.get(i)[0];
                long min = keysAndMins.get(i)[1];
                ps.setLong(1, key);
                long max = min;
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        max = Math.max(min, rs.getLong(1) + 1);
                    }
                }
                list.add(QueueState.loaded(key, topics.get(i), ids.get(i), min, max));
            }
        }
        return list;
    }
}
