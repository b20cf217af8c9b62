package io.carrack.client;

/**
 * The client's one unchecked exception: a request could not be sent, timed out, or a broker or name
 * server answered with an error. When a server answered, {@link #responseCode()} holds its response
 * code (RocketMQ 4.x numbering, e.g. 17 for TOPIC_NOT_EXIST); otherwise it is {@link #NO_RESPONSE}.
 *
 * <p>Thread safety: immutable.
 */
public class ClientException extends RuntimeException {
    /** The response code of a failure that produced no server response. */
    public static final int NO_RESPONSE = -1;
    private static final long serialVersionUID = 1L;

    private final int responseCode;

    /** A failure without a server response. */
    public ClientException(String message) {
        this(NO_RESPONSE, message, null);
    }

    /** A failure without a server response, with its cause. */
    public ClientException(String message, Throwable cause) {
        this(NO_RESPONSE, message, cause);
    }

    /** A server answered {@code responseCode}. */
    public ClientException(int responseCode, String message) {
        this(responseCode, message, null);
    }

    /** A server answered {@code responseCode}, or {@link #NO_RESPONSE}, with a cause. */
    public ClientException(int responseCode, String message, Throwable cause) {
        super(message, cause);
        this.responseCode = responseCode;
    }

    /** The server's response code, or {@link #NO_RESPONSE}. */
    public int responseCode() {
        return responseCode;
    }
}
