package io.carrack.spi.filter;

/**
 * Compiles filter expressions of one type, found with {@link java.util.ServiceLoader}.
 *
 * <p>Thread safety: stateless; {@link #compile} may be called from any thread.
 */
public interface FilterProvider {
    /** The expression type this provider compiles, e.g. {@code "SQL92"}. */
    String expressionType();

    /**
     * Compiles an expression.
     *
     * @throws FilterException if the expression is not valid; its position says where
     */
    PropertyFilter compile(String expression);
}
