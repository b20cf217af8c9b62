package io.carrack.filter.sql.internal;

import io.carrack.spi.filter.PropertyFilter;
import java.util.Map;

/** A compiled SQL92 selector: matches only when the condition is true (not false, unknown or an error). */
final class SqlPropertyFilter implements PropertyFilter {
    private final String expression;
    private final Condition condition;

    SqlPropertyFilter(String expression, Condition condition) {
        this.expression = expression;
        this.condition = condition;
    }

    @Override
    public boolean matches(Map<String, String> properties) {
        Map<String, String> values = properties == null ? Map.of() : properties;
        try {
            return condition.evaluate(values) == Truth.TRUE;
        } catch (RuntimeException e) {
            // Only a misbehaving Map can throw here (the conditions themselves do not); RocketMQ also treats a
            // failed evaluation as no match.
            return false;
        }
    }

    @Override
    public String toString() {
        return "SQL92(" + expression + ")";
    }
}
