package io.carrack.store.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.ListGetResult;
import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read side: queue reads with filters, reads by physical offset, key queries and time look-ups, on
 * connections from the pool. Only committed rows are read, and a queue's max offset is published after its
 * rows commit, so every offset below it is there unless retention removed it.
 *
 * <p>Thread safety: stateless apart from its collaborators; any thread.
 */
final class MessageReader {
    /** Rows asked for per query when scanning past filtered entries. */
    private static final int MIN_CHUNK = 32;

    private final JdbcStoreConfig config;
    private final HikariDataSource pool;
    private final QueueTable queues;
    private final LogState log;
    private final String rangeSql;
    private final String byPhysSql;
    private final String timeSql;
    private final String keySql;

    MessageReader(JdbcStoreConfig config, HikariDataSource pool, QueueTable queues, LogState log) {
        this.config = config;
        this.pool = pool;
        this.queues = queues;
        this.log = log;
        String messages = config.table(Schema.MESSAGE_TABLE);
        this.rangeSql = "SELECT queue_offset, tags_code, record FROM " + messages
                + " WHERE queue_key = ? AND queue_offset >= ? AND queue_offset < ? ORDER BY queue_offset";
        this.byPhysSql = "SELECT record FROM " + messages + " WHERE phys_offset = ?";
        this.timeSql = "SELECT store_time FROM " + messages + " WHERE queue_key = ? AND queue_offset = ?";
        this.keySql = "SELECT m.record FROM " + config.table(Schema.KEY_TABLE) + " k JOIN " + messages
                + " m ON m.phys_offset = k.phys_offset WHERE k.key_hash = ? AND m.store_time >= ?"
                + " AND m.store_time <= ? ORDER BY k.phys_offset DESC LIMIT ?";
    }

    /** Work on a pooled connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work on a pooled connection; if the connection turns out to be lost (the pool then evicts it),
     * runs it again on another, as often as the pool has connections.
     */
    private <T> T withConnection(Work<T> work) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (attempt >= config.poolSize() || !config.dialect().isConnectionLost(e)) {
                    throw e;
                }
            }
        }
    }

    ListGetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        QueueState q = queues.find(topic, queueId);
        if (q == null) {
            return ListGetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = q.minOffset;
        long max = q.maxOffset;
        if (max == 0) {
            return ListGetResult.empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return ListGetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        try {
            return collect(q, offset, Math.max(1, maxCount), filter, min, max);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + topic + "/" + queueId + " at " + offset + " from "
                    + config.maskedUrl(), e);
        }
    }

    private ListGetResult collect(QueueState q, long offset, int maxCount, MessageFilter filter, long min, long max)
            throws SQLException {
        return withConnection(c -> collect(c, q, offset, maxCount, filter, min, max));
    }

    private ListGetResult collect(Connection c, QueueState q, long offset, int maxCount, MessageFilter filter,
                                  long min, long max) throws SQLException {
        List<ByteBuffer> records = new ArrayList<>(Math.min(maxCount, 64));
        List<Long> offsets = new ArrayList<>(Math.min(maxCount, 64));
        boolean needsMessage = filter.needsMessage();
        long scanEnd = Math.min(max, offset + config.maxScanEntries());
        long next = offset;
        int bytes = 0;
        int filtered = 0;
        int missing = 0;
        boolean full = false;
        try (PreparedStatement ps = c.prepareStatement(rangeSql)) {
            boolean firstChunk = true;
            while (!full && next < scanEnd) {
                int want = maxCount - records.size();
                long chunkEnd = Math.min(scanEnd, next + (firstChunk ? want : Math.max(MIN_CHUNK, want)));
                firstChunk = false;
                ps.setLong(1, q.key);
                ps.setLong(2, next);
                ps.setLong(3, chunkEnd);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long qo = rs.getLong(1);
                        long tagsCode = rs.getLong(2);
                        missing += (int) (qo - next);
                        next = qo;
                        if (!filter.matchesTagsCode(tagsCode)) {
                            filtered++;
                            next = qo + 1;
                            continue;
                        }
                        byte[] record = rs.getBytes(3);
                        if (bytes + record.length > config.maxTransferBytes() && !records.isEmpty()) {
                            full = true;
                            break;
                        }
                        ByteBuffer b = ByteBuffer.wrap(record).asReadOnlyBuffer();
                        next = qo + 1;
                        if (needsMessage && !filter.matchesMessage(b)) {
                            filtered++;
                            continue;
                        }
                        records.add(b);
                        offsets.add(qo);
                        bytes += record.length;
                        if (records.size() >= maxCount) {
                            full = true;
                            break;
                        }
                    }
                }
                if (!full) {
                    missing += (int) (chunkEnd - next);
                    next = chunkEnd;
                }
            }
        }
        log.getMessages.add(records.size());
        GetStatus status;
        if (!records.isEmpty()) {
            status = GetStatus.FOUND;
        } else if (filtered > 0) {
            status = GetStatus.NO_MATCHED_MESSAGE;
        } else if (missing > 0) {
            status = GetStatus.MESSAGE_WAS_REMOVING;
            next = Math.max(next, q.minOffset);
        } else {
            status = GetStatus.OFFSET_FOUND_NULL;
        }
        return ListGetResult.of(status, next, min, max, records, offsets);
    }

    Optional<ByteBuffer> read(long physicalOffset) {
        if (physicalOffset < 0) {
            return Optional.empty();
        }
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(byPhysSql)) {
                    ps.setLong(1, physicalOffset);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(ByteBuffer.wrap(rs.getBytes(1))) : Optional.<ByteBuffer>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read the record at physical offset " + physicalOffset + " from "
                    + config.maskedUrl(), e);
        }
    }

    long storeTimestamp(String topic, int queueId, long offset) {
        QueueState q = queues.find(topic, queueId);
        if (q == null || offset < 0) {
            return -1;
        }
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(timeSql)) {
                    return storeTimestamp(ps, q.key, offset);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read the store time of " + topic + "/" + queueId + " at " + offset, e);
        }
    }

    private static long storeTimestamp(PreparedStatement ps, long key, long offset) throws SQLException {
        ps.setLong(1, key);
        ps.setLong(2, offset);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /**
     * The first offset stored at or after the time: a binary search over the queue (store times grow with
     * queue offsets), each probe one index look-up. Offsets removed meanwhile count as older.
     */
    long offsetByTimestamp(String topic, int queueId, long timestamp) {
        QueueState q = queues.find(topic, queueId);
        if (q == null) {
            return 0;
        }
        try {
            return withConnection(c -> {
                long lo = q.minOffset;
                long hi = q.maxOffset;
                try (PreparedStatement ps = c.prepareStatement(timeSql)) {
                    while (lo < hi) {
                        long mid = (lo + hi) >>> 1;
                        long ts = storeTimestamp(ps, q.key, mid);
                        if (ts >= timestamp) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    return lo;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot search " + topic + "/" + queueId + " by time", e);
        }
    }

    /** Records of the topic indexed under the key, stored within the time range, newest first. */
    QueryResult queryByKey(String topic, String key, int maxCount, long begin, long end) {
        List<ByteBuffer> found = new ArrayList<>();
        if (maxCount > 0 && key != null && !key.isEmpty()) {
            try {
                found = withConnection(c -> findByKey(c, topic, key, maxCount, begin, end));
            } catch (SQLException e) {
                throw new StoreException("cannot query key '" + key + "' of topic " + topic, e);
            }
        }
        return new QueryResult(found, log.lastStoreTime, log.lastPhysicalOffset);
    }

    private List<ByteBuffer> findByKey(Connection c, String topic, String key, int maxCount, long begin, long end)
            throws SQLException {
        List<ByteBuffer> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(keySql)) {
            ps.setLong(1, KeyHash.of(topic, key));
            ps.setLong(2, begin);
            ps.setLong(3, end);
            ps.setInt(4, Math.max(64, maxCount * 4));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found.size() < maxCount) {
                    ByteBuffer b = ByteBuffer.wrap(rs.getBytes(1));
                    if (seen.add(StoredMessageCodec.readPhysicalOffset(b)) && matches(b, topic, key)) {
                        found.add(b);
                    }
                }
            }
        }
        return found;
    }

    /** Whether a record found through a key hash is of the topic and carries the key (hashes may collide). */
    private static boolean matches(ByteBuffer record, String topic, String key) {
        StoredMessage m;
        try {
            m = StoredMessageCodec.decode(record.duplicate());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!topic.equals(m.topic())) {
            return false;
        }
        Map<String, String> props = m.properties();
        if (key.equals(props.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX))) {
            return true;
        }
        String keys = props.get(MessageConst.KEYS);
        if (keys == null) {
            return false;
        }
        for (String k : keys.split(" ")) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Store time of the oldest record still stored, or 0. */
    long earliestStoreTime() {
        String sql = "SELECT store_time FROM " + config.table(Schema.MESSAGE_TABLE) + " ORDER BY phys_offset LIMIT 1";
        try {
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read the oldest record from " + config.maskedUrl(), e);
        }
    }
}
