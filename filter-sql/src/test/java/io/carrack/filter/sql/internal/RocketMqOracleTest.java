package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.carrack.filter.sql.internal.GoldenCases.GoldenCase;
import io.carrack.spi.filter.FilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Carrack's filter against Apache RocketMQ 4.9.7's selector: golden cases and generated expressions. */
class RocketMqOracleTest {
    private static final Set<TokenKind> NOT_IN_ROCKETMQ_4 =
            Set.of(TokenKind.CONTAINS, TokenKind.STARTSWITH, TokenKind.ENDSWITH);
    /** Fixed so failures reproduce; set FILTER_FUZZ_SEED to explore other inputs. */
    private static final long SEED = Long.parseLong(System.getenv().getOrDefault("FILTER_FUZZ_SEED", "20240917"));

    /** The golden file's expectations are RocketMQ's outcomes, except where a case says otherwise. */
    @TestFactory
    Stream<DynamicTest> goldenCasesMatchRocketMq() {
        return GoldenCases.load().stream()
                .filter(c -> c.rocketMqExpected() != null || !usesRocketMq5Operators(c.expression()))
                .map(c -> dynamicTest(c.toString(), () -> assertEquals(c.expectedFromRocketMq(),
                        RocketMqOracle.outcome(c.expression(), c.properties()), "RocketMQ 4.9.7 on " + c)));
    }

    @Test
    void generatedExpressionsEvaluateAsInRocketMq() {
        ExpressionGenerator generator = new ExpressionGenerator(new Random(SEED));
        List<String> mismatches = new ArrayList<>();
        int valid = 0;
        int expressions = 3000;
        for (int i = 0; i < expressions && mismatches.size() < 20; i++) {
            String expression = generator.expression();
            boolean anyValid = false;
            for (int j = 0; j < 4; j++) {
                Map<String, String> properties = generator.properties();
                String ours = Outcomes.carrack(expression, properties);
                String theirs = RocketMqOracle.outcome(expression, properties);
                anyValid |= !ours.equals(GoldenCases.INVALID);
                if (!ours.equals(theirs)) {
                    mismatches.add(expression + " with " + properties + ": carrack " + ours + ", rocketmq " + theirs);
                    break;
                }
            }
            valid += anyValid ? 1 : 0;
        }
        assertTrue(mismatches.isEmpty(), "seed " + SEED + ":\n" + String.join("\n", mismatches));
        assertTrue(valid > expressions / 5, "too few valid expressions generated: " + valid);
    }

    /**
     * Mutated golden expressions (random text, mostly invalid): where both accept, the outcomes agree; where
     * RocketMQ refuses, so does Carrack, except for the documented differences where Carrack is more lenient.
     * Carrack refusing what RocketMQ accepts is allowed here (RocketMQ ignores trailing text).
     */
    @Test
    void mutatedExpressionsAgreeWithRocketMqWhereBothAccept() {
        Random random = new Random(SEED);
        List<GoldenCase> cases = GoldenCases.load();
        String fragments = " ()',=<>+-.AND OR NOT IN IS BETWEEN NULL TRUE 0 5 1.5 'x' a b";
        List<String> mismatches = new ArrayList<>();
        int bothValid = 0;
        for (int i = 0; i < 10_000 && mismatches.size() < 20; i++) {
            GoldenCase base = cases.get(random.nextInt(cases.size()));
            StringBuilder text = new StringBuilder(base.expression());
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
                int from = random.nextInt(fragments.length());
                String piece = fragments.substring(from, Math.min(fragments.length(), from + 1 + random.nextInt(4)));
                if (random.nextBoolean() && at < text.length()) {
                    text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
                } else {
                    text.insert(at, piece);
                }
            }
            String expression = text.toString();
            if (usesRocketMq5Operators(expression) || expression.contains("--") || hasZeroDecimal(expression)) {
                continue;
            }
            String ours = Outcomes.carrack(expression, base.properties());
            String theirs = RocketMqOracle.outcome(expression, base.properties());
            boolean agree = ours.equals(theirs) || ours.equals(GoldenCases.INVALID);
            bothValid += !ours.equals(GoldenCases.INVALID) && !theirs.equals(GoldenCases.INVALID) ? 1 : 0;
            if (!agree) {
                mismatches.add(expression + " with " + base.properties() + ": carrack " + ours + ", rocketmq " + theirs);
            }
        }
        assertTrue(mismatches.isEmpty(), "seed " + SEED + ":\n" + String.join("\n", mismatches));
        assertTrue(bothValid > 1000, "too few valid mutations: " + bothValid);
    }

    /** A decimal literal equal to zero, which RocketMQ refuses and Carrack accepts. */
    private static boolean hasZeroDecimal(String expression) {
        try {
            return Lexer.tokenize(expression).stream()
                    .anyMatch(t -> t.kind() == TokenKind.DECIMAL && t.value().doubleValue() == 0.0);
        } catch (FilterException e) {
            return false;
        }
    }

    private static boolean usesRocketMq5Operators(String expression) {
        try {
            return Lexer.tokenize(expression).stream().anyMatch(t -> NOT_IN_ROCKETMQ_4.contains(t.kind()));
        } catch (FilterException e) {
            return false;
        }
    }
}
