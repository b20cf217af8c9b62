package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * A property compared with a numeric literal, the common case, without boxing: {@code a > 5}, {@code 5 <= a},
 * {@code a = 1.5}. Same results as {@link EqualsCondition} and {@link OrderCondition}.
 */
final class PropertyNumberCondition extends Condition {
    private final String name;
    private final Relation relation;
    private final NumericLiteral literal;
    private final int whenMissing;

    /**
     * @param relation     the relation of the property to the literal (already reversed if the literal came first)
     * @param literalFirst whether the literal was the left operand, which matters for {@code =} with a missing
     *                     property (false rather than unknown)
     */
    PropertyNumberCondition(String name, Relation relation, NumericLiteral literal, boolean literalFirst) {
        this.name = name;
        this.relation = relation;
        this.literal = literal;
        this.whenMissing = relation == Relation.EQUAL && literalFirst ? Truth.FALSE : Truth.UNKNOWN;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        String text = properties.get(name);
        if (text == null) {
            return whenMissing;
        }
        int comparison = literal.compareText(text);
        if (comparison == ValueComparison.FAILED) {
            return Truth.ERROR;
        }
        return Truth.of(relation.accepts(comparison));
    }

    @Override
    public String toString() {
        return "(" + name + " " + relation.symbol() + " " + literal + ")";
    }
}
