package io.carrack.filter.sql.internal;

import java.util.Map;

/** {@code operand IS NULL}: never unknown. */
final class IsNullCondition extends Condition {
    private final ValueSource operand;

    IsNullCondition(ValueSource operand) {
        this.operand = operand;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        Object value = operand.value(properties);
        if (value == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        return Truth.of(value == null);
    }

    @Override
    public String toString() {
        return "(" + operand + " IS NULL)";
    }
}
