package io.carrack.spi.filter;

import java.nio.ByteBuffer;

/**
 * Decides which messages of a queue a read returns. A store first asks
 * {@link #matchesTagsCode(long)} with the consume-queue tags code, and only for messages that pass
 * asks {@link #matchesMessage(ByteBuffer)} with the stored record.
 *
 * <p>Thread safety: implementations must be safe for concurrent use.
 */
public interface MessageFilter {
    /** Accepts every message. */
    MessageFilter ALL = new MessageFilter() {
        @Override
        public boolean matchesTagsCode(long tagsCode) {
            return true;
        }

        @Override
        public boolean matchesMessage(ByteBuffer storedMessage) {
            return true;
        }
    };

    /** Whether a message with this tags code may match. */
    boolean matchesTagsCode(long tagsCode);

    /**
     * Whether the stored record (positioned at its first byte, read-only) matches. Must not move the
     * buffer's position.
     */
    boolean matchesMessage(ByteBuffer storedMessage);

    /** Whether {@link #matchesMessage} can reject anything; stores skip reading the record when not. */
    default boolean needsMessage() {
        return true;
    }
}
