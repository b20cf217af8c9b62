package io.carrack.filter.sql.internal;

/**
 * Orders two non-null values the way RocketMQ 4.9's selector does (with its string conversion switched on, as its
 * parser always does): same types compare naturally; numbers widen (int to long, either to double); a string meets
 * a number or boolean by being parsed as that literal's type ({@code Integer.valueOf} for an int literal, so
 * {@code "5.5"} against {@code 5} fails); a boolean on the left of a string fails; any other mix is "less".
 */
final class ValueComparison {
    /** Returned when the values cannot be compared; distinct from -1, 0 and 1. */
    static final int FAILED = 2;

    private ValueComparison() {
    }

    /**
     * @return -1, 0 or 1, or {@link #FAILED}
     */
    static int compare(Object left, Object right) {
        if (left.getClass() == right.getClass()) {
            return compareSameType(left, right);
        }
        if (left instanceof String text) {
            return compareText(text, right);
        }
        if (left instanceof Boolean) {
            // RocketMQ converts the wrong operand here and fails on a string.
            return right instanceof String ? FAILED : -1;
        }
        if (right instanceof String text) {
            int reversed = compareText(text, left);
            return reversed == FAILED ? FAILED : -reversed;
        }
        if (right instanceof Boolean) {
            return -1;
        }
        if (left instanceof Double || right instanceof Double) {
            return Double.compare(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
    }

    /** Parses the text as the other value's type, then compares (text on the left). */
    private static int compareText(String text, Object other) {
        if (other instanceof Integer value) {
            long parsed = NumberText.parseInt(text);
            return parsed == NumberText.NOT_AN_INT ? FAILED : Long.compare(parsed, value);
        }
        if (other instanceof Long value) {
            return NumberText.isLong(text) ? Long.compare(Long.parseLong(text), value) : FAILED;
        }
        if (other instanceof Double value) {
            return NumberText.isDouble(text) ? Double.compare(Double.parseDouble(text), value) : FAILED;
        }
        if (other instanceof Boolean value) {
            return Boolean.compare(Boolean.parseBoolean(text), value);
        }
        return -1;
    }

    private static int compareSameType(Object left, Object right) {
        if (left instanceof String text) {
            return Integer.signum(text.compareTo((String) right));
        }
        if (left instanceof Integer value) {
            return Integer.compare(value, (Integer) right);
        }
        if (left instanceof Long value) {
            return Long.compare(value, (Long) right);
        }
        if (left instanceof Double value) {
            return Double.compare(value, (Double) right);
        }
        if (left instanceof Boolean value) {
            return Boolean.compare(value, (Boolean) right);
        }
        return FAILED;
    }
}
