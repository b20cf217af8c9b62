package io.carrack.filter.sql.internal;

import java.util.Map;

/**
 * A compiled boolean (sub-)expression. Implementations are immutable and allocate nothing while evaluating.
 */
abstract class Condition {
    /**
     * Evaluates against message properties.
     *
     * @param properties property values by name; a missing name is a SQL NULL
     * @return one of the {@link Truth} constants
     */
    abstract int evaluate(Map<String, String> properties);
}
