package io.carrack.filter.sql.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code property [NOT] IN ('a', 'b', ...)}: unknown when the property is missing. */
final class InCondition extends Condition {
    private final String name;
    private final Set<String> values;
    private final boolean negated;

    InCondition(String name, List<String> values, boolean negated) {
        this.name = name;
        this.values = Set.copyOf(values);
        this.negated = negated;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        String value = properties.get(name);
        if (value == null) {
            return Truth.UNKNOWN;
        }
        return Truth.of(values.contains(value) != negated);
    }

    @Override
    public String toString() {
        return "(" + name + (negated ? " NOT IN " : " IN ") + values + ")";
    }
}
