package io.carrack.store.lmdb.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.QueryResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The key index in the {@code keys} database: one entry {@code topic keyTag key storeTimestamp physicalOffset}
 * for each KEYS token and the UNIQ_KEY of every record (except rolled-back transaction records), so a key's
 * entries are sorted by store time and a time range is one cursor walk. Entries are exact (no hashing of
 * short keys), so queries need no re-check of the record.
 *
 * <p>Thread safety: {@link #add}, {@link #remove} and {@link #removeTopic} run on the writer thread in its
 * transaction; {@link #query} on any thread.
 */
final class KeyIndex {
    private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0);
    private static final ThreadLocal<ByteBuffer> QUERY_KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE));

    private final StoreEnv env;
    private final ByteBuffer writeKey = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);

    KeyIndex(StoreEnv env) {
        this.env = env;
    }

    /** Indexes a message being appended. Writer thread. */
    void add(Txn<ByteBuffer> txn, byte[] topic, BrokerMessage m, long storeTimestamp, long phys) {
        if (m.propertiesString().isEmpty()) {
            return;
        }
        for (String k : m.keys()) {
            put(txn, topic, k, storeTimestamp, phys);
        }
        String unique = m.uniqueKey();
        if (unique != null && !unique.isEmpty()) {
            put(txn, topic, unique, storeTimestamp, phys);
        }
    }

    private void put(Txn<ByteBuffer> txn, byte[] topic, String key, long storeTimestamp, long phys) {
        env.keys().put(txn, LmdbLayout.keyEntry(writeKey, topic, LmdbLayout.keyToken(key), storeTimestamp, phys),
                EMPTY);
    }

    /** Removes the entries of a stored record (retention). Writer thread. */
    void remove(Txn<ByteBuffer> txn, byte[] topic, ByteBuffer record, long storeTimestamp, long phys) {
        String keys = StoredMessageCodec.readProperty(record, MessageConst.KEYS);
        if (keys != null && !keys.isBlank()) {
            for (String k : keys.trim().split(" +")) {
                delete(txn, topic, k, storeTimestamp, phys);
            }
        }
        String unique = StoredMessageCodec.readProperty(record, MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (unique != null && !unique.isEmpty()) {
            delete(txn, topic, unique, storeTimestamp, phys);
        }
    }

    private void delete(Txn<ByteBuffer> txn, byte[] topic, String key, long storeTimestamp, long phys) {
        env.keys().delete(txn, LmdbLayout.keyEntry(writeKey, topic, LmdbLayout.keyToken(key), storeTimestamp, phys));
    }

    /** Removes every entry of a topic. Writer thread. */
    int removeTopic(Txn<ByteBuffer> txn, byte[] topic) {
        writeKey.clear();
        LmdbLayout.topicPrefix(writeKey, topic).flip();
        return Prefixes.deleteAll(env.keys(), txn, writeKey);
    }

    /**
     * Records of {@code topic} indexed under {@code key} with store time in {@code [begin, end]}, newest first.
     *
     * @param lastTimestamp store time of the newest record written, for the client's merge
     * @param lastPhys      physical offset of the newest record written
     */
    QueryResult query(String topic, String key, int maxCount, long begin, long end, long lastTimestamp,
                      long lastPhys) {
        List<ByteBuffer> found = new ArrayList<>();
        if (maxCount <= 0 || end < 0 || end < begin) {
            return new QueryResult(found, lastTimestamp, lastPhys);
        }
        long from = Math.max(0, begin);
        byte[] topicBytes = LmdbLayout.topicBytes(topic);
        byte[] token = LmdbLayout.keyToken(key);
        int prefixLength = 1 + topicBytes.length + token.length;
        ByteBuffer prefix = ByteBuffer.allocate(prefixLength);
        LmdbLayout.topicPrefix(prefix, topicBytes).put(token).flip();
        ByteBuffer k = QUERY_KEY.get();
        try (Txn<ByteBuffer> txn = env.read(); Cursor<ByteBuffer> c = env.keys().openCursor(txn)) {
            LmdbLayout.keyEntry(k, topicBytes, token, end, Long.MAX_VALUE);
            boolean ok = c.get(k, GetOp.MDB_SET_RANGE) ? c.prev() : c.last();
            ByteBuffer logKey = ByteBuffer.allocateDirect(LmdbLayout.PHYS_LENGTH);
            while (ok && found.size() < maxCount) {
                ByteBuffer entry = c.key().order(ByteOrder.BIG_ENDIAN);
                if (entry.remaining() != prefixLength + 16 || !LmdbLayout.startsWith(entry, prefix, prefixLength)) {
                    break;
                }
                long ts = entry.getLong(entry.position() + prefixLength);
                if (ts < from) {
                    break;
                }
                long phys = entry.getLong(entry.position() + prefixLength + 8);
                ByteBuffer record = env.log().get(txn, LmdbLayout.logKey(logKey, phys));
                if (record != null) {
                    found.add(Records.copy(record));
                }
                ok = c.prev();
            }
        }
        return new QueryResult(found, lastTimestamp, lastPhys);
    }
}
