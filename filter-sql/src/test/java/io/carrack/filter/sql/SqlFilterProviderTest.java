package io.carrack.filter.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provider as the broker sees it: found by expression type, compiling filters that never throw. */
class SqlFilterProviderTest {

    @Test
    void serviceLoaderFindsTheSql92Provider() {
        Module module = getClass().getModule();
        if (module.isNamed()) {
            module.addUses(FilterProvider.class);
        }
        List<FilterProvider> providers = ServiceLoader.load(FilterProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.expressionType().equals("SQL92"))
                .toList();
        assertEquals(1, providers.size(), "SQL92 providers: " + providers);
        assertTrue(providers.get(0) instanceof SqlFilterProvider);
    }

    @Test
    void compilesTheBenchmarkExpression() {
        PropertyFilter filter = new SqlFilterProvider().compile("a > 5 AND b = 'x' AND c BETWEEN 1 AND 10");
        assertTrue(filter.matches(Map.of("a", "6", "b", "x", "c", "10")));
        assertFalse(filter.matches(Map.of("a", "5", "b", "x", "c", "10")));
        assertFalse(filter.matches(Map.of("a", "6", "b", "y", "c", "10")));
        assertFalse(filter.matches(Map.of("a", "6", "b", "x", "c", "11")));
        assertFalse(filter.matches(Map.of("b", "x", "c", "10")));
    }

    @Test
    void tagsIsAnOrdinaryProperty() {
        PropertyFilter filter = new SqlFilterProvider().compile("TAGS IN ('TagA', 'TagB') AND amount > 100");
        assertTrue(filter.matches(Map.of("TAGS", "TagB", "amount", "101")));
        assertFalse(filter.matches(Map.of("TAGS", "TagC", "amount", "101")));
    }

    @Test
    void nullPropertiesAreAMessageWithoutProperties() {
        FilterProvider provider = new SqlFilterProvider();
        assertTrue(provider.compile("a IS NULL").matches(null));
        assertFalse(provider.compile("a = 1").matches(null));
    }

    @Test
    void aMapThatThrowsMakesNoMatchInsteadOfAnException() {
        Map<String, String> hostile = new AbstractMap<>() {
            @Override
            public String get(Object key) {
                throw new IllegalStateException("boom");
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
        assertFalse(new SqlFilterProvider().compile("a = 1 OR TRUE").matches(hostile));
    }

    @Test
    void badSyntaxIsAFilterExceptionWithPosition() {
        FilterException e = assertThrows(FilterException.class, () -> new SqlFilterProvider().compile("a >"));
        assertEquals(3, e.position());
    }
}
