package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.carrack.filter.sql.internal.GoldenCases.GoldenCase;
import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.PropertyFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input: compiling either succeeds or throws {@link FilterException} with a position inside the
 * input, and a compiled filter never throws whatever the properties are.
 */
class FuzzTest {
    private static final List<String> FRAGMENTS = List.of("a", "b", "TAGS", " ", "(", ")", ",", "'", "''", "=", "<>",
            "<", ">", "<=", ">=", "+", "-", "--", "/*", "*/", "AND", "OR", "NOT", "BETWEEN", "IN", "IS", "NULL",
            "TRUE", "FALSE", "CONTAINS", "STARTSWITH", "ENDSWITH", "0", "1", "5L", "1.5", ".5", "1e", "1e5", "E",
            "9999999999999999999", "1e400", "'x'", "\n", "\t", "\u0000", "é", "!", ";", "\"", "$", "_");
    private static final List<String> VALUES = List.of("1", "-1", "1.5", "x", "", "true", "NaN", "1e400",
            "99999999999999999999", " 1", "\u0000", "٣");

    private final Random random = new Random(7);

    @Test
    void randomFragmentsOnlyEverThrowFilterException() {
        for (int i = 0; i < 20_000; i++) {
            StringBuilder expression = new StringBuilder();
            int count = 1 + random.nextInt(12);
            for (int j = 0; j < count; j++) {
                expression.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                if (random.nextBoolean()) {
                    expression.append(' ');
                }
            }
            check(expression.toString());
        }
    }

    @Test
    void randomCharactersOnlyEverThrowFilterException() {
        for (int i = 0; i < 5_000; i++) {
            char[] chars = new char[random.nextInt(30)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : (char) (32 + random.nextInt(95));
            }
            check(new String(chars));
        }
    }

    @Test
    void mutatedGoldenExpressionsOnlyEverThrowFilterException() {
        List<GoldenCase> cases = GoldenCases.load();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder expression = new StringBuilder(cases.get(random.nextInt(cases.size())).expression());
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = expression.length() == 0 ? 0 : random.nextInt(expression.length());
                switch (random.nextInt(3)) {
                    case 0 -> expression.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                    case 1 -> {
                        if (expression.length() > 0) {
                            expression.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (expression.length() > 0) {
                            expression.setCharAt(at, (char) (32 + random.nextInt(95)));
                        }
                    }
                }
            }
            check(expression.toString());
        }
    }

    private void check(String expression) {
        PropertyFilter filter;
        try {
            filter = SqlCompiler.compile(expression);
        } catch (FilterException e) {
            assertTrue(e.position() >= 0 && e.position() <= expression.length(),
                    "position " + e.position() + " outside '" + expression + "'");
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail("'" + expression + "' threw " + e, e);
            return;
        }
        for (int k = 0; k < 3; k++) {
            Map<String, String> properties = new HashMap<>();
            for (String name : List.of("a", "b", "TAGS")) {
                if (random.nextBoolean()) {
                    properties.put(name, VALUES.get(random.nextInt(VALUES.size())));
                }
            }
            try {
                filter.matches(properties);
            } catch (RuntimeException e) {
                fail("'" + expression + "' with " + properties + " threw " + e, e);
            }
        }
    }
}
