package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * {@code left = right} for any operands (also IS NULL, with a NULL constant on the right). Null handling is
 * RocketMQ's and not symmetric: a null left side against a value is unknown, a value against a null right side is
 * false, and two nulls are equal.
 */
final class EqualsCondition extends Condition {
    private final ValueSource left;
    private final ValueSource right;

    EqualsCondition(ValueSource left, ValueSource right) {
        this.left = left;
        this.right = right;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        Object leftValue = left.value(properties);
        if (leftValue == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        Object rightValue = right.value(properties);
        if (rightValue == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        if (leftValue == null) {
            return rightValue == null ? Truth.TRUE : Truth.UNKNOWN;
        }
        if (rightValue == null) {
            return Truth.FALSE;
        }
        if (leftValue.equals(rightValue)) {
            return Truth.TRUE;
        }
        int comparison = ValueComparison.compare(leftValue, rightValue);
        if (comparison == ValueComparison.FAILED) {
            return Truth.ERROR;
        }
        return Truth.of(comparison == 0);
    }

    @Override
    public String toString() {
        return "(" + left + " = " + right + ")";
    }
}
