package io.carrack.filter.sql;

import io.carrack.filter.sql.internal.SqlCompiler;
import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;

/**
 * Compiles RocketMQ SQL92 message selectors, such as {@code a > 5 AND TAGS IN ('x', 'y')}, into property filters.
 *
 * <p>Expressions longer than {@value SqlCompiler#MAX_LENGTH} characters or nesting parentheses and unary operators
 * deeper than {@value SqlCompiler#MAX_DEPTH} levels are refused.
 *
 * <p>Thread safety: stateless; {@link #compile} may be called from any thread, and the filters it returns are
 * immutable.
 */
public final class SqlFilterProvider implements FilterProvider {
    /** The expression type RocketMQ clients send for SQL92 subscriptions. */
    public static final String EXPRESSION_TYPE = "SQL92";

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public SqlFilterProvider() {
    }

    @Override
    public String expressionType() {
        return EXPRESSION_TYPE;
    }

    @Override
    public PropertyFilter compile(String expression) {
        return SqlCompiler.compile(expression);
    }
}
