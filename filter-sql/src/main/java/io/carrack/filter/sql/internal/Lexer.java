package io.carrack.filter.sql.internal;

import io.carrack.spi.filter.FilterException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens, following RocketMQ's selector grammar: case-insensitive keywords; identifiers
 * of ASCII letters, digits, {@code _} and {@code $}; single-quoted strings with {@code ''} for a quote; integer
 * literals with an optional {@code L}; decimal literals such as {@code 5.}, {@code .5} and {@code 1.5E10};
 * {@code --} line comments and {@code /* *}{@code /} block comments.
 */
final class Lexer {
    private final String source;
    private int position;

    private Lexer(String source) {
        this.source = source;
    }

    /** Tokens of the expression, ending with an {@link TokenKind#END} token. */
    static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != TokenKind.END);
        return tokens;
    }

    private Token next() {
        skipBlanksAndComments();
        int start = position;
        if (position >= source.length()) {
            return new Token(TokenKind.END, "", start, null);
        }
        char c = source.charAt(position);
        if (isIdentifierStart(c)) {
            return identifier(start);
        }
        if (isDigit(c) || (c == '.' && position + 1 < source.length() && isDigit(source.charAt(position + 1)))) {
            return number(start);
        }
        if (c == '\'') {
            return string(start);
        }
        position++;
        return switch (c) {
            case '(' -> symbol(TokenKind.LEFT_PAREN, start);
            case ')' -> symbol(TokenKind.RIGHT_PAREN, start);
            case ',' -> symbol(TokenKind.COMMA, start);
            case '=' -> symbol(TokenKind.EQUAL, start);
            case '+' -> symbol(TokenKind.PLUS, start);
            case '-' -> symbol(TokenKind.MINUS, start);
            case '>' -> symbol(accept('=') ? TokenKind.GREATER_OR_EQUAL : TokenKind.GREATER, start);
            case '<' -> {
                if (accept('>')) {
                    yield symbol(TokenKind.NOT_EQUAL, start);
                }
                yield symbol(accept('=') ? TokenKind.LESS_OR_EQUAL : TokenKind.LESS, start);
            }
            default -> throw new FilterException("Unexpected character " + quoteChar(c)
                    + "; expected a property name, a literal, an operator or a parenthesis", start);
        };
    }

    private void skipBlanksAndComments() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                position++;
            } else if (source.startsWith("--", position)) {
                // RocketMQ needs a line end after a line comment; one at the very end is accepted here too.
                while (position < source.length() && source.charAt(position) != '\n'
                        && source.charAt(position) != '\r') {
                    position++;
                }
            } else if (source.startsWith("/*", position)) {
                int end = source.indexOf("*/", position + 2);
                if (end < 0) {
                    throw new FilterException("Unterminated comment; expected '*/'", position);
                }
                position = end + 2;
            } else {
                return;
            }
        }
    }

    private Token identifier(int start) {
        while (position < source.length() && isIdentifierPart(source.charAt(position))) {
            position++;
        }
        String text = source.substring(start, position);
        TokenKind keyword = TokenKind.keyword(text);
        return new Token(keyword != null ? keyword : TokenKind.IDENTIFIER, text, start, null);
    }

    /**
     * Longest match of RocketMQ's two numeric tokens: a decimal literal ({@code d+ . d* [exp]}, {@code . d+ [exp]},
     * {@code d+ exp}) or an integer literal ({@code 0}, or {@code [1-9] d* [L]}; a leading zero is a token of its
     * own).
     */
    private Token number(int start) {
        skipDigits();
        boolean decimal = false;
        if (position < source.length() && source.charAt(position) == '.') {
            position++;
            skipDigits();
            decimal = true;
            skipExponent();
        } else if (skipExponent()) {
            decimal = true;
        }
        if (decimal) {
            String text = source.substring(start, position);
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new FilterException("Decimal literal " + text + " is larger than " + Double.MAX_VALUE, start);
            }
            return new Token(TokenKind.DECIMAL, text, start, value);
        }
        if (source.charAt(start) == '0') {
            position = start + 1;
            return new Token(TokenKind.INTEGER, "0", start, 0);
        }
        String digits = source.substring(start, position);
        if (position < source.length() && (source.charAt(position) == 'L' || source.charAt(position) == 'l')) {
            position++;
        }
        if (!NumberText.isLong(digits)) {
            throw new FilterException("Integer literal " + digits + " is larger than " + Long.MAX_VALUE, start);
        }
        long value = Long.parseLong(digits);
        // RocketMQ types a literal that fits an int as Integer, which decides how property text is parsed.
        Number boxed;
        if (value <= Integer.MAX_VALUE) {
            boxed = Integer.valueOf((int) value);
        } else {
            boxed = Long.valueOf(value);
        }
        return new Token(TokenKind.INTEGER, source.substring(start, position), start, boxed);
    }

    private void skipDigits() {
        while (position < source.length() && isDigit(source.charAt(position))) {
            position++;
        }
    }

    /** Consumes {@code (e|E) [+-] d+} if it is there in full; returns whether it was. */
    private boolean skipExponent() {
        int i = position;
        if (i >= source.length() || (source.charAt(i) != 'e' && source.charAt(i) != 'E')) {
            return false;
        }
        i++;
        if (i < source.length() && (source.charAt(i) == '+' || source.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < source.length() && isDigit(source.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return false;
        }
        position = i;
        return true;
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= source.length()) {
                throw new FilterException("Unterminated string literal; expected a closing quote (')", start);
            }
            char c = source.charAt(position++);
            if (c == '\'') {
                if (position < source.length() && source.charAt(position) == '\'') {
                    value.append('\'');
                    position++;
                } else {
                    return new Token(TokenKind.STRING, value.toString(), start, null);
                }
            } else {
                value.append(c);
            }
        }
    }

    private boolean accept(char expected) {
        if (position < source.length() && source.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Token symbol(TokenKind kind, int start) {
        return new Token(kind, source.substring(start, position), start, null);
    }

    private static String quoteChar(char c) {
        return c >= ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
