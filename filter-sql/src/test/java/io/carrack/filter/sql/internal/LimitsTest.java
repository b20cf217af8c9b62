package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.PropertyFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Length and nesting limits, and long flat expressions that stay within them. */
class LimitsTest {

    @Test
    void acceptsExpressionsUpToTheLengthLimit() {
        String expression = padTo("a = 1", SqlCompiler.MAX_LENGTH);
        assertTrue(SqlCompiler.compile(expression).matches(Map.of("a", "1")));
    }

    @Test
    void refusesLongerExpressionsNamingTheLimit() {
        String expression = padTo("a = 1", SqlCompiler.MAX_LENGTH + 1);
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile(expression));
        assertEquals(SqlCompiler.MAX_LENGTH, e.position());
        assertTrue(e.getMessage().contains("4097 characters long; the limit is 4096"), e.getMessage());
    }

    @Test
    void acceptsParenthesesNestedToTheDepthLimit() {
        int depth = SqlCompiler.MAX_DEPTH;
        String expression = "(".repeat(depth) + "a = 1" + ")".repeat(depth);
        assertTrue(SqlCompiler.compile(expression).matches(Map.of("a", "1")));
    }

    @Test
    void refusesDeeperParenthesesAtTheFirstParenthesisTooMany() {
        int depth = SqlCompiler.MAX_DEPTH + 1;
        String expression = "(".repeat(depth) + "a = 1" + ")".repeat(depth);
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile(expression));
        assertEquals(SqlCompiler.MAX_DEPTH, e.position());
        assertTrue(e.getMessage().startsWith("Expression nests deeper than 64 levels"), e.getMessage());
    }

    @Test
    void unaryOperatorsCountTowardsTheDepth() {
        assertTrue(SqlCompiler.compile("NOT ".repeat(64) + "TRUE").matches(Map.of()));
        FilterException not = assertThrows(FilterException.class,
                () -> SqlCompiler.compile("NOT ".repeat(65) + "TRUE"));
        assertEquals(64 * 4, not.position());
        FilterException minus = assertThrows(FilterException.class,
                () -> SqlCompiler.compile("a = " + "- ".repeat(65) + "5"));
        assertEquals(4 + 64 * 2, minus.position());
    }

    @Test
    void longFlatChainsAreNotNesting() {
        StringBuilder and = new StringBuilder("a = 1");
        StringBuilder or = new StringBuilder("a = 0");
        while (and.length() < SqlCompiler.MAX_LENGTH - 20) {
            and.append(" AND a = 1");
            or.append(" OR a = 0");
        }
        or.append(" OR a = 1");
        PropertyFilter andFilter = SqlCompiler.compile(and.toString());
        PropertyFilter orFilter = SqlCompiler.compile(or.toString());
        assertTrue(andFilter.matches(Map.of("a", "1")));
        assertTrue(orFilter.matches(Map.of("a", "1")));
        assertEquals(false, andFilter.matches(Map.of("a", "2")));
    }

    private static String padTo(String expression, int length) {
        return expression + " ".repeat(length - expression.length());
    }
}
