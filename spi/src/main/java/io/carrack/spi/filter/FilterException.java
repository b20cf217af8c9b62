package io.carrack.spi.filter;

/** A filter expression that cannot be compiled. */
public class FilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    /**
     * @param message  what is wrong, naming the expected token
     * @param position zero-based character position in the expression, or -1
     */
    public FilterException(String message, int position) {
        super(position >= 0 ? message + " at position " + position : message);
        this.position = position;
    }

    /** Zero-based character position of the error in the expression, or -1. */
    public int position() {
        return position;
    }
}
