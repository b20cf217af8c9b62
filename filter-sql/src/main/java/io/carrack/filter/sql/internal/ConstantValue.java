package io.carrack.filter.sql.internal;

import java.util.Map;

/** A literal, or the folded negation of one. */
final class ConstantValue extends ValueSource {
    static final ConstantValue NULL = new ConstantValue(null);

    private final Object value;

    ConstantValue(Object value) {
        this.value = value;
    }

    @Override
    Object value(Map<String, String> properties) {
        return value;
    }

    @Override
    boolean isConstant() {
        return true;
    }

    @Override
    Object constantValue() {
        return value;
    }

    @Override
    public String toString() {
        return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
    }
}
