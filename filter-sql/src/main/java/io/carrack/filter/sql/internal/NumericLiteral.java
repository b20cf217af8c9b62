package io.carrack.filter.sql.internal;

/**
 * A numeric literal, pre-parsed, that property text is compared with. Its type decides how the text is parsed, as
 * in RocketMQ: an int literal (one that fits an int) parses the text with {@code Integer.parseInt}, a larger one
 * with {@code Long.parseLong}, a decimal or exponent literal with {@code Double.parseDouble}.
 */
final class NumericLiteral {
    enum Kind { INT, LONG, DOUBLE }

    private final Kind kind;
    private final long longValue;
    private final double doubleValue;

    private NumericLiteral(Kind kind, long longValue, double doubleValue) {
        this.kind = kind;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
    }

    /** @param value an {@code Integer}, {@code Long} or {@code Double} */
    static NumericLiteral of(Number value) {
        if (value instanceof Integer) {
            return new NumericLiteral(Kind.INT, value.longValue(), value.doubleValue());
        }
        if (value instanceof Long) {
            return new NumericLiteral(Kind.LONG, value.longValue(), value.doubleValue());
        }
        if (value instanceof Double) {
            return new NumericLiteral(Kind.DOUBLE, value.longValue(), value.doubleValue());
        }
        throw new IllegalArgumentException("not a literal type: " + value.getClass());
    }

    Kind kind() {
        return kind;
    }

    long longValue() {
        return longValue;
    }

    double doubleValue() {
        return doubleValue;
    }

    /**
     * Compares text, parsed as this literal's type, with this literal.
     *
     * @return -1, 0 or 1 as the text's number is less, equal or greater, or {@link ValueComparison#FAILED}
     */
    int compareText(String text) {
        switch (kind) {
            case INT -> {
                long parsed = NumberText.parseInt(text);
                return parsed == NumberText.NOT_AN_INT ? ValueComparison.FAILED : Long.compare(parsed, longValue);
            }
            case LONG -> {
                return NumberText.isLong(text) ? Long.compare(Long.parseLong(text), longValue) : ValueComparison.FAILED;
            }
            default -> {
                return NumberText.isDouble(text)
                        ? Double.compare(Double.parseDouble(text), doubleValue)
                        : ValueComparison.FAILED;
            }
        }
    }

    @Override
    public String toString() {
        return kind == Kind.DOUBLE ? Double.toString(doubleValue) : Long.toString(longValue);
    }
}
