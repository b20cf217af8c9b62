package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * A bare property used as a condition, as in {@code a AND b = 1}. Property values are strings, never booleans, so
 * RocketMQ makes this false when the property is present and unknown when it is missing.
 */
final class BooleanCastCondition extends Condition {
    private final String name;

    BooleanCastCondition(String name) {
        this.name = name;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        return properties.get(name) == null ? Truth.UNKNOWN : Truth.FALSE;
    }

    @Override
    public String toString() {
        return "BOOLEAN(" + name + ")";
    }
}
