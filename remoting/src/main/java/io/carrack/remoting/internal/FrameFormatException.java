package io.carrack.remoting.internal;

import io.netty.handler.codec.CorruptedFrameException;

/** A frame that cannot be decoded: bad lengths, unknown serialize type, malformed header. */
final class FrameFormatException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    FrameFormatException(String message) {
        super(message);
    }

    FrameFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
