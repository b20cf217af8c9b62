package io.carrack.filter.sql.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Token types of the SQL92 selector language. */
enum TokenKind {
    IDENTIFIER("a property name"),
    STRING("a string literal"),
    INTEGER("an integer literal"),
    DECIMAL("a decimal literal"),
    LEFT_PAREN("'('"),
    RIGHT_PAREN("')'"),
    COMMA("','"),
    EQUAL("'='"),
    NOT_EQUAL("'<>'"),
    GREATER("'>'"),
    GREATER_OR_EQUAL("'>='"),
    LESS("'<'"),
    LESS_OR_EQUAL("'<='"),
    PLUS("'+'"),
    MINUS("'-'"),
    AND(null),
    OR(null),
    NOT(null),
    BETWEEN(null),
    IN(null),
    IS(null),
    NULL(null),
    TRUE(null),
    FALSE(null),
    CONTAINS(null),
    STARTSWITH(null),
    ENDSWITH(null),
    END("end of input");

    private static final Map<String, TokenKind> KEYWORDS = Stream.of(values())
            .filter(TokenKind::isKeyword)
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String description;

    TokenKind(String description) {
        this.description = description;
    }

    /** The keyword spelled by an identifier in any letter case, or null. */
    static TokenKind keyword(String identifier) {
        return KEYWORDS.get(identifier.toUpperCase(Locale.ROOT));
    }

    boolean isKeyword() {
        return description == null;
    }

    /** How error messages name this kind of token, e.g. {@code ')'} or {@code AND}. */
    String description() {
        return description == null ? name() : description;
    }
}
