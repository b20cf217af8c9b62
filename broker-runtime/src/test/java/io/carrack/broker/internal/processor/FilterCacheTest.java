package io.carrack.broker.internal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.broker.internal.filter.FilterRegistry;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter table: one compilation per expression, failures kept, stale topics dropped, bounded cache. */
class FilterCacheTest {
    /** "has NAME" matches messages with property NAME; anything else is a syntax error at position 0. */
    private static final FilterProvider HAS = new FilterProvider() {
        @Override
        public String expressionType() {
            return "HAS";
        }

        @Override
        public PropertyFilter compile(String expression) {
            if (!expression.startsWith("has ")) {
                throw new FilterException("Expected 'has' but found '" + expression + "'", 0);
            }
            String name = expression.substring(4);
            return props -> props.containsKey(name);
        }
    };

    private final FilterRegistry registry = FilterRegistry.of(HAS);
    private final FilterCache cache = new FilterCache(registry);

    private static SubscriptionData has(String topic, String expression, long version) {
        return SubscriptionData.of(topic, expression, "HAS", version);
    }

    @Test
    void registersEachExpressionOnceAndRaisesTheVersion() {
        cache.register("G", List.of(has("T", "has x", 1)));
        FilterCache.Compiled first = cache.registered("G", "T");
        cache.register("G", List.of(has("T", "has x", 1)));
        cache.register("G", List.of(has("T", "has x", 4)));
        assertEquals(1, registry.compilations());
        FilterCache.Compiled now = cache.registered("G", "T");
        assertEquals(4, now.version());
        assertSame(first.filter(), now.filter());
        assertTrue(now.filter().matches(Map.of("x", "1")));

        cache.register("G", List.of(has("T", "has y", 5)));
        assertEquals(2, registry.compilations());
        assertTrue(cache.filterOf("G", "T").matches(Map.of("y", "1")));
        assertFalse(cache.filterOf("G", "T").matches(Map.of("x", "1")));
    }

    @Test
    void keepsAFailureOnceWithItsMessage() {
        var failures = cache.register("G", List.of(has("T", "nope", 1)));
        assertEquals(1, failures.size());
        assertTrue(cache.register("G", List.of(has("T", "nope", 1))).isEmpty(), "reported once");
        assertEquals(1, registry.compilations());
        FilterCache.Compiled c = cache.registered("G", "T");
        assertTrue(c.failed());
        assertEquals("Expected 'has' but found 'nope' at position 0", c.error());
        assertNull(cache.filterOf("G", "T"));
    }

    @Test
    void dropsTopicsTheGroupNoLongerFiltersAndIgnoresTags() {
        cache.register("G", List.of(has("T1", "has a", 1), has("T2", "has b", 1),
                SubscriptionData.of("T3", "x || y", "TAG", 1)));
        assertNotNull(cache.registered("G", "T1"));
        assertNull(cache.registered("G", "T3"));
        cache.register("G", List.of(has("T1", "has a", 1), SubscriptionData.of("T2", "*", "TAG", 2)));
        assertNotNull(cache.registered("G", "T1"));
        assertNull(cache.registered("G", "T2"), "T2 is a tag subscription now");
        cache.register("G", List.of());
        assertNull(cache.registered("G", "T1"));
        cache.register("G", List.of(has("T1", "has a", 1)));
        cache.removeGroup("G");
        assertNull(cache.registered("G", "T1"));
    }

    @Test
    void subscriptionsSentWithRequestsAreCachedWithinABound() {
        for (int i = 0; i < 3; i++) {
            FilterCache.Compiled c = cache.compileFresh(has("T", "has a", i));
            assertEquals(i, c.version());
        }
        assertEquals(1, registry.compilations());
        assertTrue(cache.compileFresh(has("T", "bad", 1)).failed());
        for (int i = 0; i < FilterCache.AD_HOC_CAPACITY * 2; i++) {
            cache.compileFresh(has("T", "has p" + i, 1));
        }
        long before = registry.compilations();
        cache.compileFresh(has("T", "has a", 1));
        assertEquals(before + 1, registry.compilations(), "the cache was emptied when full, not grown");
    }

    @Test
    void anUnknownTypeIsAFailureNotAnException() {
        FilterCache.Compiled c = cache.compileFresh(SubscriptionData.of("T", "a = 1", "SQL92", 1));
        assertTrue(c.failed());
        assertTrue(c.error().contains("no filter provider for expression type SQL92"), c.error());
        assertFalse(cache.supports("SQL92"));
    }
}
