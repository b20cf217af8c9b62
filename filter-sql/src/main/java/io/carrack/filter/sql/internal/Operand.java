package io.carrack.filter.sql.internal;

/**
 * What the parser knows of a sub-expression while building the tree. RocketMQ's checks depend on this form, not
 * only on the value: {@code a > 'x'} is refused, but {@code a > -'x'} is accepted (and unknown), because a negation
 * is not a literal.
 */
sealed interface Operand {
    /** Zero-based position of the sub-expression's first character. */
    int start();

    /**
     * A literal as written.
     *
     * @param value          a {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or null
     * @param booleanLiteral whether it was {@code TRUE}, {@code FALSE} or {@code NULL}, which RocketMQ treats as
     *                       conditions
     */
    record Literal(Object value, boolean booleanLiteral, int start) implements Operand {
    }

    /** A property name. */
    record Property(String name, int start) implements Operand {
    }

    /** A unary minus: a value, but neither a literal nor a condition. */
    record Negation(ValueSource source, int start) implements Operand {
    }

    /** A condition: comparison, logic, IN, IS NULL, ... */
    record Predicate(Condition condition, int start) implements Operand {
    }
}
