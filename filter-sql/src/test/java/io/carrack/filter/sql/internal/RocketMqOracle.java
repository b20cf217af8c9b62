package io.carrack.filter.sql.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;

/**
 * Apache RocketMQ 4.9.7's own selector (test dependency), used the way its broker does: compile, evaluate against
 * the message properties, and treat an exception as no match.
 */
final class RocketMqOracle {
    private RocketMqOracle() {
    }

    static String outcome(String expression, Map<String, String> properties) {
        BooleanExpression compiled;
        try {
            compiled = SelectorParser.parse(expression);
        } catch (Exception e) {
            return GoldenCases.INVALID;
        }
        Object result;
        try {
            result = compiled.evaluate(new Context(properties));
        } catch (Exception e) {
            return "ERROR";
        }
        if (result == null) {
            return "UNKNOWN";
        }
        return Boolean.TRUE.equals(result) ? "TRUE" : "FALSE";
    }

    private record Context(Map<String, String> properties) implements EvaluationContext {
        @Override
        public Object get(String name) {
            return properties.get(name);
        }

        @Override
        public Map<String, Object> keyValues() {
            return new HashMap<>(properties);
        }
    }
}
