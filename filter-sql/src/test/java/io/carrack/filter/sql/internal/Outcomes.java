package io.carrack.filter.sql.internal;

import io.carrack.spi.filter.FilterException;
import java.util.Map;

/** Evaluates an expression with Carrack's filter and names the outcome as the golden file does. */
final class Outcomes {
    private Outcomes() {
    }

    static String carrack(String expression, Map<String, String> properties) {
        Condition condition;
        try {
            condition = SqlCompiler.compileCondition(expression);
        } catch (FilterException e) {
            return GoldenCases.INVALID;
        }
        return Truth.name(condition.evaluate(properties));
    }
}
