package io.carrack.examples.store.inmemory.internal;

import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The result of a get. The buffers are views of heap arrays the store never changes, so there is
 * nothing to release: {@link #close()} does nothing (a store over mapped files would release them here).
 *
 * <p>Thread safety: immutable.
 */
record InMemoryGetResult(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                         List<ByteBuffer> messages, List<Long> queueOffsets) implements GetResult {

    InMemoryGetResult {
        messages = List.copyOf(messages);
        queueOffsets = List.copyOf(queueOffsets);
    }

    static InMemoryGetResult empty(GetStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        return new InMemoryGetResult(status, nextBeginOffset, minOffset, maxOffset, List.of(), List.of());
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
