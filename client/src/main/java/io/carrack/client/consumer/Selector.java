package io.carrack.client.consumer;

import java.util.Objects;

/**
 * Which messages of a topic a consumer wants: all, a tag expression such as {@code "TagA || TagB"},
 * or an SQL92 expression over message properties such as {@code "a > 5 AND region = 'eu'"} (the
 * broker must have {@code enablePropertyFilter=true} for SQL92).
 *
 * <p>Thread safety: immutable.
 */
public final class Selector {
    /** The kind of expression; the names are the wire values of {@code expressionType}. */
    public enum Type {
        /** Tags separated by {@code ||}; {@code *} matches every message. */
        TAG,
        /** An SQL92 (JMS selector style) condition on properties. */
        SQL92
    }

    private static final Selector ALL = new Selector(Type.TAG, "*");

    private final Type type;
    private final String expression;

    private Selector(Type type, String expression) {
        this.type = type;
        this.expression = expression;
    }

    /** Every message of the topic. */
    public static Selector all() {
        return ALL;
    }

    /**
     * Messages whose tag is one of those named: {@code "TagA"}, {@code "TagA || TagB"}; null, empty
     * or {@code "*"} mean all messages.
     */
    public static Selector tag(String expression) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return ALL;
        }
        return new Selector(Type.TAG, expression.trim());
    }

    /**
     * Messages whose properties satisfy an SQL92 expression, e.g. {@code "a BETWEEN 0 AND 3"};
     * {@code TAGS} and {@code KEYS} are properties too. The brokers compile it: a consumer's start (or
     * a pull consumer's {@code subscribe}) fails with a {@link io.carrack.client.ClientException}
     * (response code 23, with the position of the error in the text as given) if it does not compile,
     * or if a broker does not have {@code enablePropertyFilter=true}.
     */
    public static Selector sql(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("an SQL92 selector needs an expression");
        }
        return new Selector(Type.SQL92, expression);
    }

    /** The kind of expression. */
    public Type type() {
        return type;
    }

    /** The expression text, {@code "*"} for all messages. */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.type == type && s.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + expression.hashCode();
    }

    @Override
    public String toString() {
        return type + "(" + expression + ")";
    }
}
