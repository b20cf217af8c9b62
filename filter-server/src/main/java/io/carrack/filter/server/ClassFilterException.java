package io.carrack.filter.server;

/**
 * A class-filter request failed: no filter server for the topic, a refused filter class, or a remoting
 * failure. The message says which.
 */
public class ClassFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClassFilterException(String message) {
        super(message);
    }

    public ClassFilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
