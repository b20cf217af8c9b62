package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Deletes key ranges by prefix.
 *
 * <p>Thread safety: stateless; write transactions only.
 */
final class Prefixes {
    private Prefixes() {
    }

    /** Deletes every entry whose key starts with {@code prefix} (position..limit); returns how many. */
    static int deleteAll(Dbi<ByteBuffer> db, Txn<ByteBuffer> txn, ByteBuffer prefix) {
        int length = prefix.remaining();
        int n = 0;
        try (Cursor<ByteBuffer> c = db.openCursor(txn)) {
            while (c.get(prefix, GetOp.MDB_SET_RANGE) && LmdbLayout.startsWith(c.key(), prefix, length)) {
                c.delete();
                n++;
            }
        }
        return n;
    }
}
