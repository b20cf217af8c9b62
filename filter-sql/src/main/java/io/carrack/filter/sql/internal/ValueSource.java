package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * An operand of a comparison. Its value is a {@code String} (a property or string literal), an {@code Integer},
 * {@code Long} or {@code Double} (a numeric literal), a {@code Boolean} (a boolean literal or a condition), null
 * (SQL NULL), or {@link #ERROR} when a condition used as a value failed.
 */
abstract class ValueSource {
    /** Marks a failed evaluation; compared by identity. */
    static final Object ERROR = new Object() {
        @Override
        public String toString() {
            return "ERROR";
        }
    };

    abstract Object value(Map<String, String> properties);

    /** Whether {@link #value} is the same for every message, so callers may use {@link #constantValue}. */
    boolean isConstant() {
        return false;
    }

    Object constantValue() {
        throw new IllegalStateException(this + " is not constant");
    }
}
