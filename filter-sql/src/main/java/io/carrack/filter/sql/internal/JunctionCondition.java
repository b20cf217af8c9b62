package io.carrack.filter.sql.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * AND or OR over two or more operands, evaluated left to right. The first operand that is an error, or that is
 * decisive (false for AND, true for OR), decides; otherwise the result is unknown if any operand was unknown,
 * else the opposite of the decisive value. This equals RocketMQ's nested binary AND and OR in any grouping, so
 * nested junctions of the same kind are flattened into one node.
 */
final class JunctionCondition extends Condition {
    private final String name;
    private final int decisive;
    private final int otherwise;
    private final Condition[] operands;

    private JunctionCondition(String name, int decisive, int otherwise, Condition[] operands) {
        this.name = name;
        this.decisive = decisive;
        this.otherwise = otherwise;
        this.operands = operands;
    }

    static Condition and(Condition left, Condition right) {
        return of("AND", Truth.FALSE, Truth.TRUE, left, right);
    }

    static Condition or(Condition left, Condition right) {
        return of("OR", Truth.TRUE, Truth.FALSE, left, right);
    }

    private static Condition of(String name, int decisive, int otherwise, Condition left, Condition right) {
        List<Condition> all = new ArrayList<>();
        flattenInto(all, name, left);
        flattenInto(all, name, right);
        return new JunctionCondition(name, decisive, otherwise, all.toArray(new Condition[0]));
    }

    private static void flattenInto(List<Condition> all, String name, Condition condition) {
        if (condition instanceof JunctionCondition j && j.name.equals(name)) {
            all.addAll(Arrays.asList(j.operands));
        } else {
            all.add(condition);
        }
    }

    @Override
    int evaluate(Map<String, String> properties) {
        boolean unknown = false;
        for (Condition operand : operands) {
            int truth = operand.evaluate(properties);
            if (truth == decisive || truth == Truth.ERROR) {
                return truth;
            }
            unknown |= truth == Truth.UNKNOWN;
        }
        return unknown ? Truth.UNKNOWN : otherwise;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(operands);
    }
}
