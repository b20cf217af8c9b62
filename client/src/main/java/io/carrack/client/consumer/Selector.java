package io.carrack.client.consumer;

import java.util.Objects;

/**
 * Which messages of a topic a consumer wants: all, a tag expression such as {@code "TagA || TagB"},
 * an SQL92 expression over message properties such as {@code "a > 5 AND region = 'eu'"} (the
 * broker must have {@code enablePropertyFilter=true} for SQL92), or a Java filter class run by the
 * brokers' filter servers ({@link #classFilter}).
 *
 * <p>Thread safety: immutable.
 */
public final class Selector {
    /**
     * The kind of expression; {@code TAG} and {@code SQL92} are the wire values of {@code expressionType}
     * (a class filter is sent as {@code TAG} with {@code classFilterMode=true}).
     */
    public enum Type {
        /** Tags separated by {@code ||}; {@code *} matches every message. */
        TAG,
        /** An SQL92 (JMS selector style) condition on properties. */
        SQL92,
        /** A Java filter class, compiled and run by the filter servers of the topic's brokers. */
        CLASS_FILTER
    }

    private static final Selector ALL = new Selector(Type.TAG, "*");

    private final Type type;
    private final String expression;
    private final String javaSource;

    private Selector(Type type, String expression) {
        this(type, expression, null);
    }

    private Selector(Type type, String expression, String javaSource) {
        this.type = type;
        this.expression = expression;
        this.javaSource = javaSource;
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

    /**
     * Messages accepted by a Java filter class. {@code javaSource} is the compilation unit of the public
     * class {@code className} (fully qualified, e.g. {@code "com.example.filters.BigOrders"}), which
     * implements {@code io.carrack.filter.server.api.MessageFilter} (artifact {@code io.carrack:filter-server};
     * the client itself does not need it) and has a public no-argument constructor:
     *
     * <pre>{@code
     * package com.example.filters;
     * import io.carrack.filter.server.api.MessageFilter;
     * import io.carrack.filter.server.api.MessageView;
     * public class BigOrders implements MessageFilter {
     *     public boolean match(MessageView m) {
     *         return m.bodyAsString().contains("\"big\":true");
     *     }
     * }
     * }</pre>
     *
     * <p>The consumer uploads the source to every filter server of the topic's brokers (the brokers run
     * them with {@code filterServerNums}); each compiles it, checks its bytecode against a sandbox
     * whitelist (no I/O, network, reflection, threads or system access) and runs it with a time budget
     * per message. The consumer's pulls of this topic then go through a filter server, which returns only
     * the matching messages. A source that does not compile or breaks a sandbox rule, or a topic without
     * any filter server, makes the consumer's start (or {@code subscribe}) fail with a
     * {@link io.carrack.client.ClientException} carrying the filter server's reason. A filter that a
     * filter server disables later (too slow, throws, out of memory) is logged at error level and the
     * consumer stops pulling the topic until it subscribes again with a corrected source.
     *
     * <p>Push consumers only (as in RocketMQ); a pull consumer refuses it. Retried messages
     * ({@code %RETRY%} topic) are not filtered again.
     *
     * @param className  fully qualified name of the filter class
     * @param javaSource its Java source (sent as UTF-8)
     */
    public static Selector classFilter(String className, String javaSource) {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(javaSource, "javaSource");
        if (className.isBlank() || javaSource.isBlank()) {
            throw new IllegalArgumentException("a class filter needs a class name and its source");
        }
        return new Selector(Type.CLASS_FILTER, className.trim(), javaSource);
    }

    /** The kind of expression. */
    public Type type() {
        return type;
    }

    /** The expression text, {@code "*"} for all messages; the class name of a class filter. */
    public String expression() {
        return expression;
    }

    /** The Java source of a class filter, else null. */
    public String javaSource() {
        return javaSource;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.type == type && s.expression.equals(expression)
                && Objects.equals(s.javaSource, javaSource);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + expression.hashCode()) * 31 + Objects.hashCode(javaSource);
    }

    @Override
    public String toString() {
        return type + "(" + expression + ")";
    }
}
