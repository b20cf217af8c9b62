package io.carrack.store.mmap.internal;

import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records read from one queue as read-only slices of the mapped commit-log files, which stay held (not
 * unmapped) until {@link #close()}.
 *
 * <p>Thread safety: use from one thread.
 */
final class MmapGetResult implements GetResult {
    private final List<ByteBuffer> messages;
    private final List<Long> queueOffsets;
    private final List<MappedFile> held;
    private GetStatus status;
    private long nextBeginOffset;
    private long minOffset;
    private long maxOffset;
    private boolean closed;

    private MmapGetResult(List<ByteBuffer> messages, List<Long> queueOffsets, List<MappedFile> held) {
        this.messages = messages;
        this.queueOffsets = queueOffsets;
        this.held = held;
    }

    /** A result with no records. */
    static MmapGetResult empty(GetStatus status, long next, long min, long max) {
        return new MmapGetResult(List.of(), List.of(), List.of()).finish(status, next, min, max);
    }

    /** A result to add records to. */
    static MmapGetResult collecting(int expected) {
        int n = Math.min(expected, 64);
        return new MmapGetResult(new ArrayList<>(n), new ArrayList<>(n), new ArrayList<>(2));
    }

    MmapGetResult finish(GetStatus status, long next, long min, long max) {
        this.status = status;
        this.nextBeginOffset = next;
        this.minOffset = min;
        this.maxOffset = max;
        return this;
    }

    /** Keeps a held file until close. */
    void keep(MappedFile file) {
        held.add(file);
    }

    void add(ByteBuffer record, long queueOffset) {
        messages.add(record);
        queueOffsets.add(queueOffset);
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
        int n = 0;
        for (ByteBuffer b : messages) {
            n += b.remaining();
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (MappedFile f : held) {
            f.release();
        }
    }
}
