package io.carrack.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes records older than {@code fileReservedTime} from the start of the log, in steps of at most
 * {@code deleteRowsPerTransaction} rows, each a {@link WriterTask} on the writer's connection (so puts go on
 * between steps). A step finds the first record that is still young (walking the primary key from the start),
 * deletes everything before it with its key rows, moves each affected queue's min offset past its newest
 * deleted entry, and records the new log start, all in one transaction. Queues therefore stay contiguous:
 * within a queue, offsets grow with physical offsets.
 *
 * <p>Thread safety: {@link #apply} may be called from any thread; steps run on the writer thread.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JdbcStoreConfig config;
    private final InstantSource clock;
    private final WriteService writer;
    private final QueueTable queues;
    private final LogState log;
    private final Set<Integer> deleteHours;

    /** What one step removed. */
    record Step(long rows, long bytes, boolean more) {
    }

    Retention(JdbcStoreConfig config, InstantSource clock, WriteService writer, QueueTable queues, LogState log) {
        this.config = config;
        this.clock = clock;
        this.writer = writer;
        this.queues = queues;
        this.log = log;
        this.deleteHours = parseHours(config.base().deleteWhen());
    }

    /** Whether the store clock is in one of the {@code deleteWhen} hours. */
    boolean isTimeToDelete() {
        return deleteHours.contains(Instant.ofEpochMilli(clock.millis()).atZone(ZoneId.systemDefault()).getHour());
    }

    /**
     * Removes expired records.
     *
     * @param force remove all of them, not just {@code deleteRowsPerRun}
     * @return bytes of log removed
     */
    long apply(boolean force) {
        long cutoff = clock.millis() - config.base().fileReservedHours() * 3_600_000L;
        long rows = 0;
        long bytes = 0;
        for (int guard = 0; guard < 1_000_000; guard++) {
            WriterTask<Step> task = new WriterTask<>("retention", c -> step(c, cutoff));
            writer.submit(task);
            Step s = task.await();
            rows += s.rows();
            bytes += s.bytes();
            if (!s.more() || (!force && rows >= config.deleteRowsPerRun())) {
                break;
            }
        }
        if (rows > 0) {
            LOG.info("retention removed {} records ({} bytes) stored before {}; log now starts at {}", rows, bytes,
                    Instant.ofEpochMilli(cutoff), log.minPhysicalOffset);
        }
        return bytes;
    }

    /** One transaction of retention. Writer thread only. */
    private Step step(Connection c, long cutoff) throws SQLException {
        int limit = config.deleteRowsPerTransaction();
        long boundary = -1;
        long rows = 0;
        long lastEnd = log.minPhysicalOffset;
        try (PreparedStatement ps = c.prepareStatement("SELECT phys_offset, record_size, store_time FROM "
                + config.table(Schema.MESSAGE_TABLE) + " ORDER BY phys_offset LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) >= cutoff) {
                        boundary = rs.getLong(1);
                        break;
                    }
                    rows++;
                    lastEnd = rs.getLong(1) + rs.getInt(2);
                }
            }
        }
        c.commit();
        if (rows == 0) {
            return new Step(0, 0, false);
        }
        boolean more = boundary < 0 && rows == limit;
        if (boundary < 0) {
            // every row read is expired: up to the last of them, or (table exhausted) the committed end of the
            // log: every put accepted before this step is committed by now, the writer runs steps in order
            boundary = more ? lastEnd : log.maxPhysicalOffset;
        }
        List<long[]> newMins = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_key, MAX(queue_offset) FROM "
                + config.table(Schema.MESSAGE_TABLE) + " WHERE phys_offset < ? AND queue_key IS NOT NULL"
                + " GROUP BY queue_key")) {
            ps.setLong(1, boundary);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newMins.add(new long[] {rs.getLong(1), rs.getLong(2) + 1});
                }
            }
        }
        try (PreparedStatement updateQueue = c.prepareStatement("UPDATE " + config.table(Schema.QUEUE_TABLE)
                + " SET min_offset = ? WHERE queue_key = ?");
             PreparedStatement deleteKeys = c.prepareStatement("DELETE FROM " + config.table(Schema.KEY_TABLE)
                     + " WHERE id < ?");
             PreparedStatement deleteMessages = c.prepareStatement("DELETE FROM "
                     + config.table(Schema.MESSAGE_TABLE) + " WHERE phys_offset < ?");
             PreparedStatement updateState = c.prepareStatement("UPDATE " + config.table(Schema.STATE_TABLE)
                     + " SET state_value = ? WHERE state_name = ?")) {
            for (long[] m : newMins) {
                updateQueue.setLong(1, m[1]);
                updateQueue.setLong(2, m[0]);
                updateQueue.addBatch();
            }
            if (!newMins.isEmpty()) {
                updateQueue.executeBatch();
            }
            deleteKeys.setLong(1, boundary * Schema.MAX_KEYS_PER_MESSAGE);
            deleteKeys.executeUpdate();
            deleteMessages.setLong(1, boundary);
            long deleted = deleteMessages.executeUpdate();
            updateState.setLong(1, boundary);
            updateState.setString(2, Schema.MIN_PHYSICAL_OFFSET);
            updateState.executeUpdate();
            c.commit();
            rows = deleted;
        }
        long before = log.minPhysicalOffset;
        for (long[] m : newMins) {
            QueueState q = queues.byKey(m[0]);
            if (q != null && q.minOffset < m[1]) {
                q.minOffset = m[1];
            }
        }
        log.minPhysicalOffset = boundary;
        return new Step(rows, boundary - before, more);
    }

    private static Set<Integer> parseHours(String deleteWhen) {
        Set<Integer> hours = new HashSet<>();
        if (deleteWhen == null) {
            return hours;
        }
        for (String part : deleteWhen.split(";")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    hours.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new io.carrack.spi.store.StoreException("deleteWhen must be hours separated by ';': '"
                            + deleteWhen + "'", e);
                }
            }
        }
        return hours;
    }
}
