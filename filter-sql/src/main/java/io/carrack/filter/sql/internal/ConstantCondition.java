package io.carrack.filter.sql.internal;

import java.util.Map;

/** The literals TRUE, FALSE and NULL used as conditions. */
final class ConstantCondition extends Condition {
    static final ConstantCondition TRUE = new ConstantCondition(Truth.TRUE);
    static final ConstantCondition FALSE = new ConstantCondition(Truth.FALSE);
    static final ConstantCondition NULL = new ConstantCondition(Truth.UNKNOWN);

    private final int truth;

    private ConstantCondition(int truth) {
        this.truth = truth;
    }

    static ConstantCondition of(Boolean value) {
        if (value == null) {
            return NULL;
        }
        return value ? TRUE : FALSE;
    }

    @Override
    int evaluate(Map<String, String> properties) {
        return truth;
    }

    @Override
    public String toString() {
        return Truth.name(truth);
    }
}
