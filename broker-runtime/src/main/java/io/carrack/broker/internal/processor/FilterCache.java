package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.filter.FilterRegistry;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.PropertyFilter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Compiled property filters of the consumer groups' non-tag subscriptions ("filter data"), keyed by
 * {@code group@topic} and versioned by the subscription's {@code subVersion} (PROTOCOL.md section 13.7).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class FilterCache {
    private final FilterRegistry registry;
    private final ConcurrentMap<String, Compiled> table = new ConcurrentHashMap<>();

    /**
     * A compiled filter.
     *
     * @param filter     the filter
     * @param version    the subscription version it was compiled from
     * @param expression the expression text
     */
    public record Compiled(PropertyFilter filter, long version, String expression) {
    }

    public FilterCache(FilterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers (compiling if new or changed) the filter of a group's subscription from a heartbeat.
     *
     * @throws io.carrack.spi.filter.FilterException if it does not compile
     */
    public void register(String group, SubscriptionData sub) {
        String key = group + '@' + sub.getTopic();
        Compiled old = table.get(key);
        if (old != null && old.version() >= sub.getSubVersion() && old.expression().equals(sub.getSubString())) {
            return;
        }
        table.put(key, compileFresh(sub));
    }

    /** The registered filter, or null. */
    public Compiled registered(String group, String topic) {
        return table.get(group + '@' + topic);
    }

    /** Compiles a subscription without registering it. */
    public Compiled compileFresh(SubscriptionData sub) {
        return new Compiled(registry.compile(sub.getExpressionType(), sub.getSubString()), sub.getSubVersion(),
                sub.getSubString());
    }

    /** Whether the expression type has a provider. */
    public boolean supports(String expressionType) {
        return registry.supports(expressionType);
    }
}
