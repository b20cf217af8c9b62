package io.carrack.remoting.protocol.body;

/** Subscription expression types: tags ({@code TagA || TagB}) or an SQL92 property filter. */
public final class ExpressionType {
    /** Tag expression: tags separated by {@code ||}, or {@code *}. */
    public static final String TAG = "TAG";
    /** SQL92 property filter, evaluated by a filter provider on the broker. */
    public static final String SQL92 = "SQL92";

    private ExpressionType() {
    }

    /** Whether the type is the tag type; null and empty mean tag too, as in RocketMQ. */
    public static boolean isTagType(String type) {
        return type == null || type.isEmpty() || TAG.equals(type);
    }
}
