package io.carrack.broker.internal.filter;

import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filter providers found with {@link ServiceLoader}, by expression type (e.g. {@code SQL92}).
 *
 * <p>Thread safety: immutable after construction.
 */
public final class FilterRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(FilterRegistry.class);

    private final Map<String, FilterProvider> providers;
    private final LongAdder compilations = new LongAdder();

    private FilterRegistry(Map<String, FilterProvider> providers) {
        this.providers = providers;
    }

    /** Loads every filter provider visible to the broker. */
    public static FilterRegistry load() {
        Map<String, FilterProvider> found = new TreeMap<>();
        for (FilterProvider p : ServiceLoader.load(FilterProvider.class)) {
            found.putIfAbsent(p.expressionType(), p);
            LOG.info("filter provider {} for expression type {} from module {}", p.getClass().getName(),
                    p.expressionType(), p.getClass().getModule().getName());
        }
        return new FilterRegistry(Map.copyOf(found));
    }

    /** A registry with the given providers (tests). */
    public static FilterRegistry of(FilterProvider... list) {
        Map<String, FilterProvider> m = new TreeMap<>();
        for (FilterProvider p : list) {
            m.put(p.expressionType(), p);
        }
        return new FilterRegistry(Map.copyOf(m));
    }

    /** Whether an expression type can be compiled. */
    public boolean supports(String expressionType) {
        return providers.containsKey(expressionType);
    }

    /**
     * Compiles an expression.
     *
     * @throws io.carrack.spi.filter.FilterException if it does not compile
     * @throws IllegalArgumentException if no provider handles the type
     */
    public PropertyFilter compile(String expressionType, String expression) {
        FilterProvider p = providers.get(expressionType);
        if (p == null) {
            throw new IllegalArgumentException("no filter provider for expression type " + expressionType
                    + " on this broker");
        }
        compilations.increment();
        if (expression == null) {
            throw new FilterException("Expected a " + expressionType + " expression but found none", -1);
        }
        return p.compile(expression);
    }

    /** How many expressions {@link #compile} was asked to compile (failures included), since start. */
    public long compilations() {
        return compilations.sum();
    }
}
