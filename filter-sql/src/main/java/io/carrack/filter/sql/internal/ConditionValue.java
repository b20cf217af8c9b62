package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * A condition used as a value, as in {@code (a > 1) = TRUE}: true and false become Booleans, unknown becomes null.
 * With {@code negated}, it stands for the unary minus of a condition, which RocketMQ evaluates to NULL (a Boolean
 * cannot be negated) after evaluating the condition, so only an error survives.
 */
final class ConditionValue extends ValueSource {
    private final Condition condition;
    private final boolean negated;

    ConditionValue(Condition condition, boolean negated) {
        this.condition = condition;
        this.negated = negated;
    }

    @Override
    Object value(Map<String, String> properties) {
        int truth = condition.evaluate(properties);
        if (truth == Truth.ERROR) {
            return ERROR;
        }
        if (negated || truth == Truth.UNKNOWN) {
            return null;
        }
        return truth == Truth.TRUE ? Boolean.TRUE : Boolean.FALSE;
    }

    @Override
    public String toString() {
        return (negated ? "-" : "") + condition;
    }
}
