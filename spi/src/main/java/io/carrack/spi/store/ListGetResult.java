package io.carrack.spi.store;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@link GetResult} that holds its values in lists, for stores to return instead of writing their own: the
 * status, the offsets, the record buffers with their queue offsets, and an optional release action that
 * {@link #close()} runs once (for example to let go of mapped files the buffers are views of).
 *
 * <p>The lists are handed over, not copied: the caller must not change them afterwards. Callers see them
 * unmodifiable.
 *
 * <p>Thread safety: use from one thread, like any {@link GetResult}; {@link #close()} runs the release action
 * at most once.
 */
public final class ListGetResult implements GetResult {
    private final GetStatus status;
    private final long nextBeginOffset;
    private final long minOffset;
    private final long maxOffset;
    private final List<ByteBuffer> messages;
    private final List<Long> queueOffsets;
    private Runnable release;

    private ListGetResult(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                          List<ByteBuffer> messages, List<Long> queueOffsets, Runnable release) {
        if (messages.size() != queueOffsets.size()) {
            throw new IllegalArgumentException(messages.size() + " messages but " + queueOffsets.size()
                    + " queue offsets");
        }
        this.status = Objects.requireNonNull(status, "status");
        this.nextBeginOffset = nextBeginOffset;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.messages = Collections.unmodifiableList(messages);
        this.queueOffsets = Collections.unmodifiableList(queueOffsets);
        this.release = release;
    }

    /** A result with no records and nothing to release. */
    public static ListGetResult empty(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        return new ListGetResult(status, nextBeginOffset, minOffset, maxOffset, List.of(), List.of(), null);
    }

    /** A result over records that need no release (heap copies, say). */
    public static ListGetResult of(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                                   List<ByteBuffer> messages, List<Long> queueOffsets) {
        return new ListGetResult(status, nextBeginOffset, minOffset, maxOffset, messages, queueOffsets, null);
    }

    /**
     * A result whose {@link #close()} runs {@code release} once.
     *
     * @param release what to run on the first close, or null for nothing
     */
    public static ListGetResult of(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                                   List<ByteBuffer> messages, List<Long> queueOffsets, Runnable release) {
        return new ListGetResult(status, nextBeginOffset, minOffset, maxOffset, messages, queueOffsets, release);
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

    /** Runs the release action the first time; later calls do nothing. */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }

    @Override
    public String toString() {
        return "GetResult[" + status + ", " + messages.size() + " messages, next " + nextBeginOffset + "]";
    }
}
