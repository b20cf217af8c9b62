package io.carrack.filter.sql.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates random expressions from the selector grammar (RocketMQ 4.9.7's subset: no CONTAINS family), level by
 * level so the text is consumed whole by both parsers, and random property maps for them. Many results are
 * invalid on purpose (type checks), which the parsers must agree on too.
 */
final class ExpressionGenerator {
    private static final List<String> PROPERTIES = List.of("a", "b", "c", "TAGS");
    private static final List<String> VALUES = List.of("1", "5", "10", "-3", "5.5", "abc", "", "true", "TRUE",
            "2147483648", "x", "it's", " 5", "NaN", "1e2", "0", "+7", "5.0", "9223372036854775807");
    private static final List<String> NUMBERS = List.of("0", "1", "5", "10", "2147483647", "2147483648",
            "9223372036854775807", "5L", "1.5", "5.0", ".5", "1e2", "2.5E-3", "10.");
    private static final List<String> STRINGS = List.of("'x'", "'5'", "''", "'it''s'", "'true'", "'abc'", "'1e2'");
    private static final List<String> RELATIONS = List.of(">", ">=", "<", "<=");

    private final Random random;

    ExpressionGenerator(Random random) {
        this.random = random;
    }

    String expression() {
        return or(3);
    }

    Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        for (String name : PROPERTIES) {
            if (random.nextInt(3) > 0) {
                properties.put(name, pick(VALUES));
            }
        }
        return properties;
    }

    private String or(int depth) {
        StringBuilder out = new StringBuilder(and(depth));
        int more = depth > 0 ? random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0 : 0;
        for (int i = 0; i < more; i++) {
            out.append(" OR ").append(and(depth - 1));
        }
        return out.toString();
    }

    private String and(int depth) {
        StringBuilder out = new StringBuilder(equality(depth));
        int more = depth > 0 ? random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0 : 0;
        for (int i = 0; i < more; i++) {
            out.append(" AND ").append(equality(depth - 1));
        }
        return out.toString();
    }

    private String equality(int depth) {
        StringBuilder out = new StringBuilder(comparison(depth));
        if (random.nextInt(3) == 0) {
            switch (random.nextInt(4)) {
                case 0 -> out.append(" = ").append(comparison(depth - 1));
                case 1 -> out.append(" <> ").append(comparison(depth - 1));
                case 2 -> out.append(" IS NULL");
                default -> out.append(" IS NOT NULL");
            }
        }
        return out.toString();
    }

    private String comparison(int depth) {
        StringBuilder out = new StringBuilder(unary(depth));
        if (random.nextInt(2) == 0) {
            String not = random.nextInt(3) == 0 ? " NOT" : "";
            switch (random.nextInt(3)) {
                case 0 -> out.append(' ').append(pick(RELATIONS)).append(' ').append(unary(depth - 1));
                case 1 -> out.append(not).append(" BETWEEN ").append(unary(depth - 1)).append(" AND ")
                        .append(unary(depth - 1));
                default -> {
                    out.append(not).append(" IN (").append(pick(STRINGS));
                    for (int i = random.nextInt(6); i > 0; i--) {
                        out.append(", ").append(pick(STRINGS));
                    }
                    out.append(')');
                }
            }
        }
        return out.toString();
    }

    private String unary(int depth) {
        if (depth > 0 && random.nextInt(6) == 0) {
            return switch (random.nextInt(3)) {
                case 0 -> "+ " + unary(depth - 1);
                case 1 -> "- " + unary(depth - 1);
                default -> "NOT " + unary(depth - 1);
            };
        }
        return primary(depth);
    }

    private String primary(int depth) {
        int choice = random.nextInt(depth > 0 ? 9 : 8);
        return switch (choice) {
            case 0, 1, 2 -> pick(PROPERTIES);
            case 3, 4 -> pick(NUMBERS);
            case 5 -> pick(STRINGS);
            case 6 -> pick(List.of("TRUE", "FALSE"));
            case 7 -> random.nextInt(4) == 0 ? "NULL" : pick(PROPERTIES);
            default -> "(" + or(depth - 1) + ")";
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
