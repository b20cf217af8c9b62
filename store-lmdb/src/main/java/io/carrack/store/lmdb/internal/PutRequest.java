package io.carrack.store.lmdb.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.util.List;

/**
 * A put of one message or a batch of one queue, validated, waiting for the writer. The writer fills in the
 * result and, for each message, the queue offset it got (-1 when it takes none).
 *
 * <p>Thread safety: see {@link WriteRequest}.
 */
final class PutRequest extends WriteRequest {
    private final List<BrokerMessage> messages;
    private final int[] sizes;
    private final int bytes;
    private final long[] queueOffsets;
    private volatile PutResult result;

    PutRequest(List<BrokerMessage> messages, int[] sizes) {
        this.messages = messages;
        this.sizes = sizes;
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        this.bytes = n;
        this.queueOffsets = new long[messages.size()];
    }

    List<BrokerMessage> messages() {
        return messages;
    }

    /** The encoded size of message {@code i}. */
    int size(int i) {
        return sizes[i];
    }

    /** Encoded bytes of all messages. */
    int bytes() {
        return bytes;
    }

    /** The queue offsets assigned (writer thread), -1 for a message without one. */
    long[] queueOffsets() {
        return queueOffsets;
    }

    PutResult result() {
        return result;
    }

    /** Sets the outcome; the writer then calls {@link #complete()}. */
    void result(PutResult r) {
        this.result = r;
    }

    @Override
    void onFailed() {
        result = PutResult.failed(PutStatus.SERVICE_NOT_AVAILABLE);
    }
}
