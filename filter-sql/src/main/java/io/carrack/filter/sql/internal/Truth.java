package io.carrack.filter.sql.internal;

/**
 * The four outcomes of evaluating a condition, as small ints so evaluation allocates nothing.
 *
 * <p>{@link #UNKNOWN} is SQL's third truth value (a missing property). {@link #ERROR} stands for what is an
 * exception in Apache RocketMQ's evaluator (for example a property compared with an integer literal that does not
 * parse as an integer): it aborts the whole expression, so AND and OR pass it on at once and the message does not
 * match.
 */
final class Truth {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;
    static final int ERROR = 3;

    private static final int[] NEGATION = {TRUE, FALSE, UNKNOWN, ERROR};

    private Truth() {
    }

    static int of(boolean value) {
        return value ? TRUE : FALSE;
    }

    static int not(int truth) {
        return NEGATION[truth];
    }

    static String name(int truth) {
        return switch (truth) {
            case FALSE -> "FALSE";
            case TRUE -> "TRUE";
            case UNKNOWN -> "UNKNOWN";
            case ERROR -> "ERROR";
            default -> throw new IllegalArgumentException("not a truth value: " + truth);
        };
    }
}
