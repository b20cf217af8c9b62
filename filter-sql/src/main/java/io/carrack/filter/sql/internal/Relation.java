package io.carrack.filter.sql.internal;

/** The relation a comparison tests, applied to a -1/0/1 comparison result. */
enum Relation {
    EQUAL("="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Relation(String symbol) {
        this.symbol = symbol;
    }

    boolean accepts(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
        };
    }

    String symbol() {
        return symbol;
    }
}
