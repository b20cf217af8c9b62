package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * {@code >, >=, <, <=} for any operands the parser lets through (properties, numeric literals and negations). A
 * null on either side is unknown; two strings (two properties) are both parsed as doubles.
 */
final class OrderCondition extends Condition {
    private final ValueSource left;
    private final Relation relation;
    private final ValueSource right;

    OrderCondition(ValueSource left, Relation relation, ValueSource right) {
        this.left = left;
        this.relation = relation;
        this.right = right;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        Object leftValue = left.value(properties);
        if (leftValue == null) {
            return Truth.UNKNOWN;
        }
        if (leftValue == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        Object rightValue = right.value(properties);
        if (rightValue == null) {
            return Truth.UNKNOWN;
        }
        if (rightValue == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        int comparison;
        if (leftValue instanceof String leftText && rightValue instanceof String rightText) {
            if (!NumberText.isDouble(leftText) || !NumberText.isDouble(rightText)) {
                return Truth.ERROR;
            }
            comparison = Double.compare(Double.parseDouble(leftText), Double.parseDouble(rightText));
        } else {
            comparison = ValueComparison.compare(leftValue, rightValue);
            if (comparison == ValueComparison.FAILED) {
                return Truth.ERROR;
            }
        }
        return Truth.of(relation.accepts(comparison));
    }

    @Override
    public String toString() {
        return "(" + left + " " + relation.symbol() + " " + right + ")";
    }
}
