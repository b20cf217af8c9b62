package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.FilterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax and type errors report the 0-based position of the offending token and what was expected. */
class ParserErrorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "a = "                    | 4  | Expected a property name, a literal, '(', NOT, '+' or '-' but found end of input
            (a = 1                    | 6  | Expected ')' to close the '(' at position 0 but found end of input
            a = 1)                    | 5  | Expected an operator, AND, OR or end of input but found ')'
            a = 1 b = 2               | 6  | Expected an operator, AND, OR or end of input but found 'b'
            a IN ('x' 'y')            | 10 | Expected ',' or ')' in the IN list but found 'y'
            a IN (5)                  | 6  | Expected a string literal in the IN list but found '5'
            a IN 'x'                  | 5  | Expected '(' after IN but found 'x'
            a BETWEEN 1 10            | 12 | Expected AND between the bounds of BETWEEN but found '10'
            a IS 5                    | 5  | Expected NULL or NOT NULL after IS but found '5'
            a IS NOT 5                | 9  | Expected NULL after IS NOT but found '5'
            a NOT LIKE 'x'            | 6  | Expected BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH after NOT but found 'LIKE'
            a CONTAINS b              | 11 | Expected a string literal after CONTAINS but found 'b'
            a = 'abc                  | 4  | Unterminated string literal; expected a closing quote (')
            a # 1                     | 2  | Unexpected character '#'; expected a property name, a literal, an operator or a parenthesis
            a = 1 /* open             | 6  | Unterminated comment; expected '*/'
            b > 'x'                   | 4  | the string literal 'x' cannot be compared with '>'; expected a number or a property name
            TRUE <= a                 | 0  | TRUE cannot be compared with '<='; expected a number or a property name
            a = NULL                  | 4  | NULL cannot be compared with = or <>; expected IS NULL or IS NOT NULL
            TRUE = 'x'                | 7  | TRUE cannot be compared with the string literal 'x'
            'x' AND a = 1             | 0  | Expected a condition but found the string literal 'x', which is not a boolean value
            a = 1 OR 5                | 9  | Expected a condition but found the number 5, which is not a boolean value
            c BETWEEN 10 AND 1        | 17 | BETWEEN needs its lower bound (the number 10) to be less than or equal to its upper bound (the number 1)
            c BETWEEN NULL AND 1      | 10 | BETWEEN bounds cannot be NULL
            5 IN ('x')                | 0  | Expected a property name before IN but found the number 5
            a = 9223372036854775808   | 4  | Integer literal 9223372036854775808 is larger than 9223372036854775807
            a > 1e999                 | 4  | Decimal literal 1e999 is larger than 1.7976931348623157E308
            ""                        | 0  | Expected a property name, a literal, '(', NOT, '+' or '-' but found end of input
            """)
    void reportsPositionAndExpectation(String expression, int position, String message) {
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile(expression));
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(message + " at position " + position, e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a = 1 AND (b = 2 OR c =)  | 23
            NOT NOT NOT               | 11
            """)
    void positionIsOfTheOffendingToken(String expression, int position) {
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile(expression));
        assertEquals(position, e.position(), e.getMessage());
    }

    @Test
    void positionCountsTabsAndLineBreaks() {
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile("a\t=\r\n 'x' AND\n"));
        assertEquals(14, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Expected a property name"), e.getMessage());
    }

    @Test
    void nullExpressionIsRefusedWithoutPosition() {
        FilterException e = assertThrows(FilterException.class, () -> SqlCompiler.compile(null));
        assertEquals(-1, e.position());
    }
}
