package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * {@code operand [NOT] CONTAINS|STARTSWITH|ENDSWITH 'search'}, as RocketMQ 5.1.3+ defines it: false (not unknown)
 * when the operand is missing or not a string, and false for an empty search string, negated or not.
 */
final class TextMatchCondition extends Condition {
    private final ValueSource operand;
    private final TextMatch match;
    private final String search;
    private final boolean negated;

    TextMatchCondition(ValueSource operand, TextMatch match, String search, boolean negated) {
        this.operand = operand;
        this.match = match;
        this.search = search;
        this.negated = negated;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        if (search.isEmpty()) {
            return Truth.FALSE;
        }
        Object value = operand.value(properties);
        if (value == ValueSource.ERROR) {
            return Truth.ERROR;
        }
        if (!(value instanceof String text)) {
            return Truth.FALSE;
        }
        return Truth.of(match.matches(text, search) != negated);
    }

    @Override
    public String toString() {
        return "(" + operand + (negated ? " NOT " : " ") + match + " '" + search + "')";
    }
}
