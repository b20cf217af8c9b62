package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records read from one queue, each a read-only buffer over its own copy of the row's bytes; nothing to
 * release, so {@link #close()} only marks it closed.
 *
 * <p>Thread safety: use from one thread.
 */
final class JdbcGetResult implements GetResult {
    private final List<ByteBuffer> messages;
    private final List<Long> queueOffsets;
    private final GetStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;

    JdbcGetResult(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset, List<ByteBuffer> messages,
                  List<Long> queueOffsets) {
        this.status = status;
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.messages = Collections.unmodifiableList(new ArrayList<>(messages));
        this.queueOffsets = Collections.unmodifiableList(new ArrayList<>(queueOffsets));
    }

    static JdbcGetResult empty(GetStatus status, long next, long min, long max) {
        return new JdbcGetResult(status, next, min, max, List.of(), List.of());
    }

    @Override
    public GetStatus status() {
        return status;
    }

    @Override
    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    @Override
    public long minOffset() {
        return minOffset;
    }

    @Override
    public long maxOffset() {
        return maxOffset;
    }

    @Override
    public List<ByteBuffer> messages() {
        return messages;
    }

    @Override
    public List<Long> queueOffsets() {
        return queueOffsets;
    }

    @Override
    public void close() {
        // the buffers are heap copies: nothing to release
    }

    @Override
    public String toString() {
        return "JdbcGetResult[" + status + ", " + messages.size() + " messages, next " + nextBeginOffset + "]";
    }
}
