package io.carrack.filter.sql.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * OR over two or more operands, evaluated left to right. The first operand that is true or an error decides;
 * otherwise the result is unknown if any operand was unknown, else false. Nested ORs are flattened (see
 * {@link AndCondition}).
 */
final class OrCondition extends Condition {
    private final Condition[] operands;

    private OrCondition(Condition[] operands) {
        this.operands = operands;
    }

    static Condition of(Condition left, Condition right) {
        List<Condition> all = new ArrayList<>();
        flattenInto(all, left);
        flattenInto(all, right);
        return new OrCondition(all.toArray(new Condition[0]));
    }

    private static void flattenInto(List<Condition> all, Condition condition) {
        if (condition instanceof OrCondition or) {
            all.addAll(Arrays.asList(or.operands));
        } else {
            all.add(condition);
        }
    }

    @Override
    int evaluate(Map<String, String> properties) {
        boolean unknown = false;
        for (Condition operand : operands) {
            int truth = operand.evaluate(properties);
            if (truth == Truth.TRUE || truth == Truth.ERROR) {
                return truth;
            }
            unknown |= truth == Truth.UNKNOWN;
        }
        return unknown ? Truth.UNKNOWN : Truth.FALSE;
    }

    @Override
    public String toString() {
        return "OR" + Arrays.toString(operands);
    }
}
