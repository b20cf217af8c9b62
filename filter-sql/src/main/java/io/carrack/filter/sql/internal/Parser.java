package io.carrack.filter.sql.internal;

import io.carrack.filter.sql.internal.Operand.Literal;
import io.carrack.filter.sql.internal.Operand.Predicate;
import io.carrack.filter.sql.internal.Operand.Property;
import io.carrack.spi.filter.FilterException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for RocketMQ's SQL92 selector grammar. Precedence, loosest first:
 * <pre>
 *   expression := or END
 *   or         := and (OR and)*
 *   and        := equality (AND equality)*
 *   equality   := comparison ( (= | &lt;&gt;) comparison | IS [NOT] NULL )*
 *   comparison := unary ( (&gt; | &gt;= | &lt; | &lt;=) unary
 *                       | [NOT] BETWEEN unary AND unary
 *                       | [NOT] IN '(' string (',' string)* ')'
 *                       | [NOT] (CONTAINS | STARTSWITH | ENDSWITH) string )*
 *   unary      := (+ | - | NOT) unary | primary
 *   primary    := string | integer | decimal | TRUE | FALSE | NULL | property | '(' or ')'
 * </pre>
 * As in RocketMQ, NOT binds tighter than comparisons: {@code NOT a = 1} means {@code (NOT a) = 1}.
 * Unlike RocketMQ, which stops at the first token it cannot use and ignores the rest, text after a complete
 * expression is an error.
 */
final class Parser {
    private final List<Token> tokens;
    private final int maxDepth;
    private int index;
    private int depth;

    private Parser(List<Token> tokens, int maxDepth) {
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses a whole expression into a condition.
     *
     * @throws FilterException with the position of the offending token
     */
    static Condition parse(String expression, int maxDepth) {
        Parser parser = new Parser(Lexer.tokenize(expression), maxDepth);
        Operand root = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != TokenKind.END) {
            throw unexpected("Expected an operator, AND, OR or end of input", rest);
        }
        return ConditionFactory.asCondition(root);
    }

    private Operand or() {
        Operand left = and();
        while (accept(TokenKind.OR)) {
            Operand right = and();
            left = new Predicate(JunctionCondition.or(ConditionFactory.asCondition(left),
                    ConditionFactory.asCondition(right)), left.start());
        }
        return left;
    }

    private Operand and() {
        Operand left = equality();
        while (accept(TokenKind.AND)) {
            Operand right = equality();
            left = new Predicate(JunctionCondition.and(ConditionFactory.asCondition(left),
                    ConditionFactory.asCondition(right)), left.start());
        }
        return left;
    }

    private Operand equality() {
        Operand left = comparison();
        while (true) {
            Condition condition;
            if (accept(TokenKind.EQUAL)) {
                condition = ConditionFactory.equal(left, comparison());
            } else if (accept(TokenKind.NOT_EQUAL)) {
                condition = ConditionFactory.notEqual(left, comparison());
            } else if (accept(TokenKind.IS)) {
                boolean negated = accept(TokenKind.NOT);
                expect(TokenKind.NULL, negated ? "Expected NULL after IS NOT" : "Expected NULL or NOT NULL after IS");
                condition = ConditionFactory.isNull(left);
                if (negated) {
                    condition = new NotCondition(condition);
                }
            } else {
                return left;
            }
            left = new Predicate(condition, left.start());
        }
    }

    private Operand comparison() {
        Operand left = unary();
        while (true) {
            Token token = peek();
            Condition condition;
            switch (token.kind()) {
                case GREATER -> condition = order(left, Relation.GREATER);
                case GREATER_OR_EQUAL -> condition = order(left, Relation.GREATER_OR_EQUAL);
                case LESS -> condition = order(left, Relation.LESS);
                case LESS_OR_EQUAL -> condition = order(left, Relation.LESS_OR_EQUAL);
                case BETWEEN, IN, CONTAINS, STARTSWITH, ENDSWITH -> condition = negatable(left, false);
                case NOT -> {
                    TokenKind after = peek(1).kind();
                    if (after != TokenKind.BETWEEN && after != TokenKind.IN && after != TokenKind.CONTAINS
                            && after != TokenKind.STARTSWITH && after != TokenKind.ENDSWITH) {
                        throw unexpected("Expected BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH after NOT", peek(1));
                    }
                    index++;
                    condition = negatable(left, true);
                }
                default -> {
                    return left;
                }
            }
            left = new Predicate(condition, left.start());
        }
    }

    private Condition order(Operand left, Relation relation) {
        index++;
        return ConditionFactory.order(left, relation, unary());
    }

    /** BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH at the current token, after an optional NOT. */
    private Condition negatable(Operand left, boolean negated) {
        Token operator = next();
        switch (operator.kind()) {
            case BETWEEN -> {
                Operand low = unary();
                expect(TokenKind.AND, "Expected AND between the bounds of BETWEEN");
                Operand high = unary();
                return ConditionFactory.between(left, low, high, negated);
            }
            case IN -> {
                return ConditionFactory.in(left, inList(), negated);
            }
            default -> {
                TextMatch match = TextMatch.valueOf(operator.kind().name());
                Token search = expect(TokenKind.STRING, "Expected a string literal after " + match);
                return ConditionFactory.textMatch(left, match, search.text(), negated);
            }
        }
    }

    private List<String> inList() {
        expect(TokenKind.LEFT_PAREN, "Expected '(' after IN");
        List<String> values = new ArrayList<>();
        do {
            values.add(expect(TokenKind.STRING, "Expected a string literal in the IN list").text());
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RIGHT_PAREN, "Expected ',' or ')' in the IN list");
        return values;
    }

    private Operand unary() {
        Token token = peek();
        switch (token.kind()) {
            case PLUS -> {
                index++;
                enter(token);
                Operand operand = unary();
                depth--;
                return operand;
            }
            case MINUS -> {
                index++;
                enter(token);
                Operand operand = unary();
                depth--;
                return ConditionFactory.negate(operand, token.start());
            }
            case NOT -> {
                index++;
                enter(token);
                Operand operand = unary();
                depth--;
                return new Predicate(new NotCondition(ConditionFactory.asCondition(operand)), token.start());
            }
            default -> {
                return primary();
            }
        }
    }

    private Operand primary() {
        Token token = next();
        switch (token.kind()) {
            case STRING -> {
                return new Literal(token.text(), false, token.start());
            }
            case INTEGER, DECIMAL -> {
                return new Literal(token.value(), false, token.start());
            }
            case TRUE -> {
                return new Literal(Boolean.TRUE, true, token.start());
            }
            case FALSE -> {
                return new Literal(Boolean.FALSE, true, token.start());
            }
            case NULL -> {
                return new Literal(null, true, token.start());
            }
            case IDENTIFIER -> {
                return new Property(token.text(), token.start());
            }
            case LEFT_PAREN -> {
                enter(token);
                Operand inner = or();
                expect(TokenKind.RIGHT_PAREN, "Expected ')' to close the '(' at position " + token.start());
                depth--;
                return inner;
            }
            default -> throw unexpected("Expected a property name, a literal, '(', NOT, '+' or '-'", token);
        }
    }

    private void enter(Token token) {
        if (++depth > maxDepth) {
            throw new FilterException("Expression nests deeper than " + maxDepth
                    + " levels of parentheses and unary operators", token.start());
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind, String expected) {
        Token token = peek();
        if (token.kind() != kind) {
            throw unexpected(expected, token);
        }
        index++;
        return token;
    }

    private static FilterException unexpected(String expected, Token found) {
        return new FilterException(expected + " but found " + found.describe(), found.start());
    }
}
