package io.carrack.filter.sql.internal;

import io.carrack.filter.sql.internal.Operand.Literal;
import io.carrack.filter.sql.internal.Operand.Negation;
import io.carrack.filter.sql.internal.Operand.Predicate;
import io.carrack.filter.sql.internal.Operand.Property;
import io.carrack.spi.filter.FilterException;
import java.util.List;

/**
 * Builds conditions from parsed operands, applying RocketMQ's compile-time checks (which operands each operator
 * accepts) and choosing the specialised node for the common shapes (a property against a literal).
 */
final class ConditionFactory {
    private ConditionFactory() {
    }

    /** The operand as a condition: a predicate, a bare property, or TRUE/FALSE/NULL. */
    static Condition asCondition(Operand operand) {
        if (operand instanceof Predicate predicate) {
            return predicate.condition();
        }
        if (operand instanceof Property property) {
            return new BooleanCastCondition(property.name());
        }
        if (operand instanceof Literal literal && literal.booleanLiteral()) {
            return ConstantCondition.of((Boolean) literal.value());
        }
        throw new FilterException("Expected a condition but found " + describe(operand)
                + ", which is not a boolean value", operand.start());
    }

    /** Unary minus: folds numeric constants; anything else that is not a number negates to NULL. */
    static Operand negate(Operand operand, int start) {
        Object constant = null;
        if (operand instanceof Literal literal) {
            constant = literal.value();
        } else if (operand instanceof Negation negation) {
            if (!negation.source().isConstant()) {
                return new Negation(negation.source(), start);
            }
            constant = negation.source().constantValue();
        } else if (operand instanceof Predicate predicate) {
            return new Negation(new ConditionValue(predicate.condition(), true), start);
        }
        Object negated = null;
        if (constant instanceof Integer value) {
            negated = -value;
        } else if (constant instanceof Long value) {
            negated = -value;
        } else if (constant instanceof Double value) {
            negated = -value;
        }
        return new Negation(negated == null ? ConstantValue.NULL : new ConstantValue(negated), start);
    }

    static Condition equal(Operand left, Operand right) {
        checkEqualityOperand(left);
        checkEqualityOperand(right);
        if (left instanceof Literal leftLiteral && right instanceof Literal rightLiteral
                && leftLiteral.booleanLiteral() && !rightLiteral.booleanLiteral()) {
            throw new FilterException(describe(left) + " cannot be compared with " + describe(right), right.start());
        }
        if (left instanceof Property property) {
            Condition special = propertyEquals(property, right, false);
            if (special != null) {
                return special;
            }
        }
        if (right instanceof Property property) {
            Condition special = propertyEquals(property, left, true);
            if (special != null) {
                return special;
            }
        }
        return new EqualsCondition(valueOf(left), valueOf(right));
    }

    static Condition notEqual(Operand left, Operand right) {
        return new NotCondition(equal(left, right));
    }

    static Condition isNull(Operand operand) {
        return new IsNullCondition(valueOf(operand));
    }

    static Condition order(Operand left, Relation relation, Operand right) {
        checkOrderOperand(left, relation);
        checkOrderOperand(right, relation);
        NumericLiteral rightNumber = numericConstant(right);
        if (left instanceof Property property && rightNumber != null) {
            return new PropertyNumberCondition(property.name(), relation, rightNumber, false);
        }
        NumericLiteral leftNumber = numericConstant(left);
        if (right instanceof Property property && leftNumber != null) {
            return new PropertyNumberCondition(property.name(), reverse(relation), leftNumber, true);
        }
        return new OrderCondition(valueOf(left), relation, valueOf(right));
    }

    /** {@code value BETWEEN low AND high}, or with {@code negated} {@code value NOT BETWEEN low AND high}. */
    static Condition between(Operand value, Operand low, Operand high, boolean negated) {
        if (!negated && low instanceof Literal lowLiteral && high instanceof Literal highLiteral) {
            checkBounds(lowLiteral, highLiteral);
        }
        Condition first = order(value, negated ? Relation.LESS : Relation.GREATER_OR_EQUAL, low);
        Condition second = order(value, negated ? Relation.GREATER : Relation.LESS_OR_EQUAL, high);
        NumericLiteral lowNumber = numericConstant(low);
        NumericLiteral highNumber = numericConstant(high);
        if (value instanceof Property property && lowNumber != null && highNumber != null
                && lowNumber.kind() == highNumber.kind()) {
            return new PropertyRangeCondition(property.name(), lowNumber, highNumber, negated);
        }
        return negated ? JunctionCondition.or(first, second) : JunctionCondition.and(first, second);
    }

    static Condition in(Operand value, List<String> values, boolean negated) {
        if (!(value instanceof Property property)) {
            throw new FilterException("Expected a property name before " + (negated ? "NOT IN" : "IN")
                    + " but found " + describe(value), value.start());
        }
        return new InCondition(property.name(), values, negated);
    }

    static Condition textMatch(Operand value, TextMatch match, String search, boolean negated) {
        return new TextMatchCondition(valueOf(value), match, search, negated);
    }

    private static void checkBounds(Literal low, Literal high) {
        if (low.value() == null || high.value() == null) {
            Literal nullBound = low.value() == null ? low : high;
            throw new FilterException("BETWEEN bounds cannot be NULL", nullBound.start());
        }
        int comparison = ValueComparison.compare(high.value(), low.value());
        if (comparison == ValueComparison.FAILED || comparison < 0) {
            throw new FilterException("BETWEEN needs its lower bound (" + describe(low)
                    + ") to be less than or equal to its upper bound (" + describe(high) + ")", high.start());
        }
    }

    private static Condition propertyEquals(Property property, Operand other, boolean literalFirst) {
        NumericLiteral number = numericConstant(other);
        if (number != null) {
            return new PropertyNumberCondition(property.name(), Relation.EQUAL, number, literalFirst);
        }
        if (other instanceof Literal literal && literal.value() instanceof String text) {
            return new PropertyTextEqualsCondition(property.name(), text, literalFirst);
        }
        return null;
    }

    /** RocketMQ refuses a NULL literal on either side of = and <>. */
    private static void checkEqualityOperand(Operand operand) {
        if (operand instanceof Literal literal && literal.value() == null) {
            throw new FilterException("NULL cannot be compared with = or <>; expected IS NULL or IS NOT NULL",
                    operand.start());
        }
    }

    /** RocketMQ allows only numbers, properties and negations with >, >=, <, <= (not strings or conditions). */
    private static void checkOrderOperand(Operand operand, Relation relation) {
        boolean refused = operand instanceof Predicate
                || (operand instanceof Literal literal && !(literal.value() instanceof Number));
        if (refused) {
            throw new FilterException(describe(operand) + " cannot be compared with '" + relation.symbol()
                    + "'; expected a number or a property name", operand.start());
        }
    }

    private static NumericLiteral numericConstant(Operand operand) {
        Object value = null;
        if (operand instanceof Literal literal) {
            value = literal.value();
        } else if (operand instanceof Negation negation && negation.source().isConstant()) {
            value = negation.source().constantValue();
        }
        return value instanceof Number number ? NumericLiteral.of(number) : null;
    }

    private static Relation reverse(Relation relation) {
        return switch (relation) {
            case EQUAL -> Relation.EQUAL;
            case GREATER -> Relation.LESS;
            case GREATER_OR_EQUAL -> Relation.LESS_OR_EQUAL;
            case LESS -> Relation.GREATER;
            case LESS_OR_EQUAL -> Relation.GREATER_OR_EQUAL;
        };
    }

    static ValueSource valueOf(Operand operand) {
        if (operand instanceof Literal literal) {
            return literal.value() == null ? ConstantValue.NULL : new ConstantValue(literal.value());
        }
        if (operand instanceof Property property) {
            return new PropertyValue(property.name());
        }
        if (operand instanceof Negation negation) {
            return negation.source();
        }
        return new ConditionValue(((Predicate) operand).condition(), false);
    }

    private static String describe(Operand operand) {
        if (operand instanceof Literal literal) {
            Object value = literal.value();
            if (value == null) {
                return "NULL";
            }
            if (value instanceof String text) {
                return "the string literal '" + text.replace("'", "''") + "'";
            }
            if (value instanceof Boolean bool) {
                return bool ? "TRUE" : "FALSE";
            }
            return "the number " + value;
        }
        if (operand instanceof Property property) {
            return "the property " + property.name();
        }
        return operand instanceof Negation ? "a negated value" : "a condition";
    }
}
