package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.lmdbjava.Txn;

/**
 * Named numbers in the {@code meta} database.
 *
 * <p>Thread safety: stateless; callers bring their own buffers.
 */
final class MetaRecords {
    private MetaRecords() {
    }

    static void putLong(StoreEnv env, Txn<ByteBuffer> txn, String name, long v, ByteBuffer key, ByteBuffer value) {
        key.clear();
        key.put(name.getBytes(StandardCharsets.US_ASCII)).flip();
        value.clear();
        value.putLong(v).flip();
        env.meta().put(txn, key, value);
    }

    /** The number, or {@code def} when absent. */
    static long getLong(StoreEnv env, Txn<ByteBuffer> txn, String name, long def, ByteBuffer key) {
        key.clear();
        key.put(name.getBytes(StandardCharsets.US_ASCII)).flip();
        ByteBuffer v = env.meta().get(txn, key);
        if (v == null || v.remaining() < 8) {
            return def;
        }
        return v.order(java.nio.ByteOrder.BIG_ENDIAN).getLong(v.position());
    }
}
