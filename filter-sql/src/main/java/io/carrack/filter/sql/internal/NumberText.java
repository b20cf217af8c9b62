package io.carrack.filter.sql.internal;

/**
 * Converts property text to numbers exactly as {@link Integer#parseInt}, {@link Long#parseLong} and
 * {@link Double#parseDouble} do (RocketMQ's conversions), but reports failure without throwing, so a message with
 * a non-numeric property costs no exception.
 */
final class NumberText {
    /** Returned by {@link #parseInt} for text that is not an int; outside the int range, so never a result. */
    static final long NOT_AN_INT = Long.MIN_VALUE;

    private NumberText() {
    }

    /** The int value of the text, or {@link #NOT_AN_INT} where {@link Integer#parseInt} would throw. */
    static long parseInt(String text) {
        int length = text.length();
        if (length == 0) {
            return NOT_AN_INT;
        }
        int i = 0;
        boolean negative = false;
        char first = text.charAt(0);
        if (first < '0') {
            if (first == '-') {
                negative = true;
            } else if (first != '+') {
                return NOT_AN_INT;
            }
            if (length == 1) {
                return NOT_AN_INT;
            }
            i = 1;
        }
        long limit = negative ? -(long) Integer.MIN_VALUE : Integer.MAX_VALUE;
        long magnitude = 0;
        for (; i < length; i++) {
            int digit = Character.digit(text.charAt(i), 10);
            if (digit < 0) {
                return NOT_AN_INT;
            }
            magnitude = magnitude * 10 + digit;
            if (magnitude > limit) {
                return NOT_AN_INT;
            }
        }
        return negative ? -magnitude : magnitude;
    }

    /** Whether {@link Long#parseLong} accepts the text. */
    static boolean isLong(String text) {
        int length = text.length();
        if (length == 0) {
            return false;
        }
        int i = 0;
        long limit = -Long.MAX_VALUE;
        char first = text.charAt(0);
        if (first < '0') {
            if (first == '-') {
                limit = Long.MIN_VALUE;
            } else if (first != '+') {
                return false;
            }
            if (length == 1) {
                return false;
            }
            i = 1;
        }
        // Accumulate negatively, as the JDK does, so Long.MIN_VALUE fits.
        long multiplyLimit = limit / 10;
        long result = 0;
        for (; i < length; i++) {
            int digit = Character.digit(text.charAt(i), 10);
            if (digit < 0 || result < multiplyLimit) {
                return false;
            }
            result *= 10;
            if (result < limit + digit) {
                return false;
            }
            result -= digit;
        }
        return true;
    }

    /** Whether {@link Double#parseDouble} accepts the text. */
    static boolean isDouble(String text) {
        if (isPlainDecimal(text)) {
            return true;
        }
        if (!mayBeJavaDouble(text)) {
            return false;
        }
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code [+-]? digits [. digits] [(e|E) [+-] digits]} with at least one mantissa digit; ASCII only. */
    private static boolean isPlainDecimal(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < length && isAsciiDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
            while (i < length && isAsciiDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isAsciiDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == length;
    }

    /**
     * A cheap necessary condition for {@link Double#parseDouble}: after leading whitespace and a sign, the text
     * starts as a number, NaN or Infinity does.
     */
    private static boolean mayBeJavaDouble(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && text.charAt(i) <= ' ') {
            i++;
        }
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        if (i >= length) {
            return false;
        }
        char c = text.charAt(i);
        return isAsciiDigit(c) || c == '.' || c == 'N' || c == 'I';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
