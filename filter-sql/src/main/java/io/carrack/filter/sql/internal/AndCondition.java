package io.carrack.filter.sql.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * AND over two or more operands, evaluated left to right. The first operand that is false or an error decides;
 * otherwise the result is unknown if any operand was unknown, else true. This equals RocketMQ's nested binary AND
 * in any grouping, so nested ANDs are flattened into one node.
 */
final class AndCondition extends Condition {
    private final Condition[] operands;

    private AndCondition(Condition[] operands) {
        this.operands = operands;
    }

    static Condition of(Condition left, Condition right) {
        List<Condition> all = new ArrayList<>();
        flattenInto(all, left);
        flattenInto(all, right);
        return new AndCondition(all.toArray(new Condition[0]));
    }

    private static void flattenInto(List<Condition> all, Condition condition) {
        if (condition instanceof AndCondition and) {
            all.addAll(Arrays.asList(and.operands));
        } else {
            all.add(condition);
        }
    }

    @Override
    int evaluate(Map<String, String> properties) {
        boolean unknown = false;
        for (Condition operand : operands) {
            int truth = operand.evaluate(properties);
            if (truth == Truth.FALSE || truth == Truth.ERROR) {
                return truth;
            }
            unknown |= truth == Truth.UNKNOWN;
        }
        return unknown ? Truth.UNKNOWN : Truth.TRUE;
    }

    @Override
    public String toString() {
        return "AND" + Arrays.toString(operands);
    }
}
