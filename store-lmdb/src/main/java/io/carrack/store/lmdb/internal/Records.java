package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies records out of LMDB pages, which are valid only inside their transaction.
 *
 * <p>Thread safety: stateless.
 */
final class Records {
    private Records() {
    }

    /** A read-only big-endian heap copy of the buffer's remaining bytes; the source does not move. */
    static ByteBuffer copy(ByteBuffer source) {
        byte[] bytes = new byte[source.remaining()];
        source.duplicate().get(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
    }

    /** A read-only big-endian view of a record inside its transaction (for filters). */
    static ByteBuffer view(ByteBuffer source) {
        return source.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }
}
