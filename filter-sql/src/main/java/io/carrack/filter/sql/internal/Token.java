package io.carrack.filter.sql.internal;

/**
 * One token.
 *
 * @param kind  its type
 * @param text  the characters as written (for a string literal, the decoded value)
 * @param start zero-based position of its first character in the expression
 * @param value the parsed value of a numeric literal ({@code Integer}, {@code Long} or {@code Double}), else null
 */
record Token(TokenKind kind, String text, int start, Number value) {
    /** How error messages show the token as found. */
    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case STRING -> "'" + text.replace("'", "''") + "'";
            default -> "'" + text + "'";
        };
    }
}
