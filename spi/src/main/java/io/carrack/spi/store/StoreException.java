package io.carrack.spi.store;

/** A store failure that is not an expected outcome: cannot open, corrupt beyond repair, closed. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
