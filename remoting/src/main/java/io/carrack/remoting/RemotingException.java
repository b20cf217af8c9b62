package io.carrack.remoting;

/** Base of remoting failures: connect, send, timeout, bad frames. */
public class RemotingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }
}
