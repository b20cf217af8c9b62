package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.carrack.filter.sql.internal.GoldenCases.GoldenCase;
import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.PropertyFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code filter-cases.csv} through the compiler and the public filter. */
class GoldenCaseTest {
    private static final List<GoldenCase> CASES = GoldenCases.load();

    @TestFactory
    Stream<DynamicTest> everyGoldenCase() {
        return CASES.stream().map(c -> dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(GoldenCase c) {
        assertEquals(c.expected(), Outcomes.carrack(c.expression(), c.properties()), c.toString());
        if (c.expected().equals(GoldenCases.INVALID)) {
            assertThrows(FilterException.class, () -> SqlCompiler.compile(c.expression()));
        } else {
            PropertyFilter filter = SqlCompiler.compile(c.expression());
            assertEquals(c.expected().equals("TRUE"), filter.matches(c.properties()), "matches() of " + c);
        }
    }

    @Test
    void casesUseEveryTokenAndOutcome() {
        Set<TokenKind> used = EnumSet.noneOf(TokenKind.class);
        Set<String> outcomes = new TreeSet<>();
        for (GoldenCase c : CASES) {
            outcomes.add(c.expected());
            try {
                Lexer.tokenize(c.expression()).forEach(token -> used.add(token.kind()));
            } catch (FilterException e) {
                // lexical error cases add nothing
            }
        }
        Set<TokenKind> missing = EnumSet.complementOf(EnumSet.copyOf(used));
        assertTrue(missing.isEmpty(), "token kinds no golden case uses: " + missing);
        assertEquals(new TreeSet<>(List.of("ERROR", "FALSE", "INVALID", "TRUE", "UNKNOWN")), outcomes);
        assertTrue(CASES.size() > 300, "only " + CASES.size() + " cases");
    }
}
