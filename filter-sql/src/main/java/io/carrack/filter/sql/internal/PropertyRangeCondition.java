package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * {@code property [NOT] BETWEEN low AND high} with two numeric literals of the same type: one look-up and one
 * parse instead of two. Same results as RocketMQ's {@code p >= low AND p <= high} and
 * {@code p < low OR p > high}.
 */
final class PropertyRangeCondition extends Condition {
    private final String name;
    private final NumericLiteral low;
    private final NumericLiteral high;
    private final boolean negated;

    PropertyRangeCondition(String name, NumericLiteral low, NumericLiteral high, boolean negated) {
        if (low.kind() != high.kind()) {
            throw new IllegalArgumentException("bounds of different types: " + low + ", " + high);
        }
        this.name = name;
        this.low = low;
        this.high = high;
        this.negated = negated;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        String text = properties.get(name);
        if (text == null) {
            return Truth.UNKNOWN;
        }
        int aboveLow;
        int belowHigh;
        switch (low.kind()) {
            case INT -> {
                long value = NumberText.parseInt(text);
                if (value == NumberText.NOT_AN_INT) {
                    return Truth.ERROR;
                }
                aboveLow = Long.compare(value, low.longValue());
                belowHigh = Long.compare(value, high.longValue());
            }
            case LONG -> {
                if (!NumberText.isLong(text)) {
                    return Truth.ERROR;
                }
                long value = Long.parseLong(text);
                aboveLow = Long.compare(value, low.longValue());
                belowHigh = Long.compare(value, high.longValue());
            }
            default -> {
                if (!NumberText.isDouble(text)) {
                    return Truth.ERROR;
                }
                double value = Double.parseDouble(text);
                aboveLow = Double.compare(value, low.doubleValue());
                belowHigh = Double.compare(value, high.doubleValue());
            }
        }
        boolean inside = aboveLow >= 0 && belowHigh <= 0;
        return Truth.of(inside != negated);
    }

    @Override
    public String toString() {
        return "(" + name + (negated ? " NOT BETWEEN " : " BETWEEN ") + low + " AND " + high + ")";
    }
}
