package io.carrack.spi.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Messages read from one queue, each a read-only buffer holding one record in the stored layout.
 * The buffers may be views of memory the store owns: use them only until {@link #close()}.
 *
 * <p>Thread safety: use from one thread; close exactly once.
 */
public interface GetResult extends AutoCloseable {
    GetStatus status();

    /** The offset the next read should start at. */
    long nextBeginOffset();

    /** The queue's min offset when read. */
    long minOffset();

    /** The queue's max offset (one past the last entry) when read. */
    long maxOffset();

    /** The records, in queue order. */
    List<ByteBuffer> messages();

    /** The queue offsets of the records, in the same order. */
    List<Long> queueOffsets();

    /** Total bytes of the records. */
    default int totalBytes() {
        int n = 0;
        for (ByteBuffer b : messages()) {
            n += b.remaining();
        }
        return n;
    }

    /** Releases what the buffers point into. Idempotent. */
    @Override
    void close();
}
