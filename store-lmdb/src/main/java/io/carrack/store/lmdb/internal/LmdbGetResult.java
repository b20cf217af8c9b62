package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records read from one queue, each a read-only heap copy taken inside the read transaction, so nothing needs
 * releasing: {@link #close()} only marks the result closed.
 *
 * <p>Thread safety: use from one thread.
 */
final class LmdbGetResult implements GetResult {
    private final List<ByteBuffer> messages;
    private final List<Long> queueOffsets;
    private GetStatus status;
    private long nextBeginOffset;
    private long minOffset;
    private long maxOffset;
    private int totalBytes;

    private LmdbGetResult(List<ByteBuffer> messages, List<Long> queueOffsets) {
        this.messages = messages;
        this.queueOffsets = queueOffsets;
    }

    /** A result with no records. */
    static LmdbGetResult empty(GetStatus status, long next, long min, long max) {
        return new LmdbGetResult(List.of(), List.of()).finish(status, next, min, max);
    }

    /** A result to add records to. */
    static LmdbGetResult collecting(int expected) {
        int n = Math.min(expected, 64);
        return new LmdbGetResult(new ArrayList<>(n), new ArrayList<>(n));
    }

    LmdbGetResult finish(GetStatus status, long next, long min, long max) {
        this.status = status;
        this.nextBeginOffset = next;
        this.minOffset = min;
        this.maxOffset = max;
        return this;
    }

    /** Adds a record (a read-only buffer the result now owns). */
    void add(ByteBuffer record, long queueOffset) {
        messages.add(record);
        queueOffsets.add(queueOffset);
        totalBytes += record.remaining();
    }

    int count() {
        return messages.size();
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
        return Collections.unmodifiableList(messages);
    }

    @Override
    public List<Long> queueOffsets() {
        return Collections.unmodifiableList(queueOffsets);
    }

    @Override
    public int totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() {
        // copies on the heap: nothing to release
    }

    @Override
    public String toString() {
        return "LmdbGetResult[" + status + ", " + messages.size() + " messages, next " + nextBeginOffset + "]";
    }
}
