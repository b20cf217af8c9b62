package io.carrack.filter.sql.internal;

import java.util.Map;

/** NOT: swaps true and false; unknown and error stay as they are. */
final class NotCondition extends Condition {
    private final Condition operand;

    NotCondition(Condition operand) {
        this.operand = operand;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        return Truth.not(operand.evaluate(properties));
    }

    @Override
    public String toString() {
        return "NOT(" + operand + ")";
    }
}
