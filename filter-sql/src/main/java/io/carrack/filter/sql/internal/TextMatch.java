package io.carrack.filter.sql.internal;

/** The substring operators of RocketMQ 5's selector. */
enum TextMatch {
    CONTAINS,
    STARTSWITH,
    ENDSWITH;

    boolean matches(String text, String search) {
        return switch (this) {
            case CONTAINS -> text.contains(search);
            case STARTSWITH -> text.startsWith(search);
            case ENDSWITH -> text.endsWith(search);
        };
    }
}
