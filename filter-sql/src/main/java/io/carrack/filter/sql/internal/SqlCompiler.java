package io.carrack.filter.sql.internal;

import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.PropertyFilter;

/** Entry point of the internals: checks the limits, parses, and wraps the condition tree as a filter. */
public final class SqlCompiler {
    /** Longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 4096;
    /** Deepest nesting of parentheses and unary operators (+, -, NOT) accepted. */
    public static final int MAX_DEPTH = 64;

    private SqlCompiler() {
    }

    /**
     * Compiles an SQL92 selector.
     *
     * @throws FilterException if it is null, too long, too deeply nested or not valid; the position says where
     */
    public static PropertyFilter compile(String expression) {
        return new SqlPropertyFilter(expression, compileCondition(expression));
    }

    static Condition compileCondition(String expression) {
        if (expression == null) {
            throw new FilterException("Expected an SQL92 expression but found none (null)", -1);
        }
        if (expression.length() > MAX_LENGTH) {
            throw new FilterException("Expression is " + expression.length() + " characters long; the limit is "
                    + MAX_LENGTH, MAX_LENGTH);
        }
        return Parser.parse(expression, MAX_DEPTH);
    }
}
