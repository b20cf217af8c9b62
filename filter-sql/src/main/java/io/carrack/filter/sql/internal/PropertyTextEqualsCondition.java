package io.carrack.filter.sql.internal;

import java.util.Map;

/** A property compared for equality with a string literal: {@code TAGS = 'x'} or {@code 'x' = TAGS}. */
final class PropertyTextEqualsCondition extends Condition {
    private final String name;
    private final String literal;
    private final int whenMissing;

    PropertyTextEqualsCondition(String name, String literal, boolean literalFirst) {
        this.name = name;
        this.literal = literal;
        this.whenMissing = literalFirst ? Truth.FALSE : Truth.UNKNOWN;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        String text = properties.get(name);
        if (text == null) {
            return whenMissing;
        }
        return Truth.of(text.equals(literal));
    }

    @Override
    public String toString() {
        return "(" + name + " = '" + literal.replace("'", "''") + "')";
    }
}
