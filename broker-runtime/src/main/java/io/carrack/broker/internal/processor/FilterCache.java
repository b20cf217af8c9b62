package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.filter.FilterRegistry;
import io.carrack.broker.internal.filter.SharedMatchCache;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.FilterException;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled property filters of the consumer groups' non-tag subscriptions ("filter data", PROTOCOL.md
 * section 13.7), by group and topic, versioned by the subscription's {@code subVersion}.
 *
 * <p>A heartbeat's subscription is compiled once: later heartbeats with the same expression only
 * raise the version, and pulls read the compiled filter. An expression that does not compile is kept
 * as a failure (logged once), so pulls can answer {@code SUBSCRIPTION_PARSE_FAILED} with the error.
 * Subscriptions sent with a pull or a {@code CHECK_CLIENT_CONFIG} are compiled through a small
 * bounded cache keyed by type and text. When several groups filter one topic, their pulls share the
 * match bits of each message ({@link SharedMatchCache}).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class FilterCache {
    private static final Logger LOG = LoggerFactory.getLogger(FilterCache.class);
    /** Entries of the cache of subscriptions sent with pulls before it is emptied. */
    static final int AD_HOC_CAPACITY = 256;

    private final FilterRegistry registry;
    /** group -> topic -> compiled. */
    private final ConcurrentMap<String, ConcurrentMap<String, Compiled>> groups = new ConcurrentHashMap<>();
    /** type + NUL + expression -> compiled (version 0). */
    private final ConcurrentMap<String, Compiled> adHoc = new ConcurrentHashMap<>();
    private final SharedMatchCache shared;

    /**
     * A compiled subscription, or its compile error.
     *
     * @param filter         the filter, null when the expression does not compile
     * @param version        the subscription version it stands for
     * @param expressionType the expression type
     * @param expression     the expression text
     * @param error          why it does not compile, null when it does
     */
    public record Compiled(PropertyFilter filter, long version, String expressionType, String expression,
                           String error) {
        /** Whether the expression failed to compile. */
        public boolean failed() {
            return filter == null;
        }

        boolean sameExpression(SubscriptionData sub) {
            return expressionType.equals(sub.getExpressionType()) && expression.equals(sub.getSubString());
        }

        Compiled withVersion(long v) {
            return new Compiled(filter, v, expressionType, expression, error);
        }
    }

    public FilterCache(FilterRegistry registry) {
        this(registry, new SharedMatchCache());
    }

    /** A cache whose groups share match bits through {@code shared}. */
    public FilterCache(FilterRegistry registry, SharedMatchCache shared) {
        this.registry = registry;
        this.shared = shared;
    }

    /**
     * Registers the subscriptions of a group from a heartbeat: each non-tag subscription is compiled
     * if new or changed, and the group's filters of topics it no longer filters are dropped.
     *
     * @return the subscriptions that were compiled now and failed (already logged)
     */
    public Collection<Compiled> register(String group, Collection<SubscriptionData> subs) {
        Set<String> filtered = new HashSet<>();
        Set<String> changed = new HashSet<>();
        Set<Compiled> failures = new HashSet<>();
        ConcurrentMap<String, Compiled> table = null;
        for (SubscriptionData sub : subs) {
            if (sub.getTopic() == null || ExpressionType.isTagType(sub.getExpressionType())
                    || sub.isClassFilterMode()) {
                continue;
            }
            filtered.add(sub.getTopic());
            if (table == null) {
                table = groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
            }
            table.compute(sub.getTopic(), (topic, old) -> {
                if (old != null && old.sameExpression(sub)) {
                    return old.version() >= sub.getSubVersion() ? old : old.withVersion(sub.getSubVersion());
                }
                Compiled fresh = compile(sub, sub.getSubVersion());
                changed.add(topic);
                if (fresh.failed()) {
                    failures.add(fresh);
                    LOG.warn("group {}: {} subscription of topic {} does not compile: {}", group,
                            sub.getExpressionType(), topic, fresh.error());
                } else {
                    LOG.info("group {}: compiled {} subscription of topic {} (version {}): {}", group,
                            sub.getExpressionType(), topic, sub.getSubVersion(), sub.getSubString());
                }
                return fresh;
            });
        }
        ConcurrentMap<String, Compiled> existing = groups.get(group);
        if (existing != null) {
            existing.keySet().removeIf(topic -> {
                boolean stale = !filtered.contains(topic);
                if (stale) {
                    changed.add(topic);
                }
                return stale;
            });
            if (existing.isEmpty()) {
                groups.remove(group, existing);
            }
        }
        changed.forEach(this::shareTopic);
        return failures;
    }

    /** Drops every filter of a group (its last consumer left). */
    public void removeGroup(String group) {
        Map<String, Compiled> gone = groups.remove(group);
        if (gone != null) {
            gone.keySet().forEach(this::shareTopic);
        }
    }

    /** Publishes a topic's current filters, by group, to the shared match bits. */
    private synchronized void shareTopic(String topic) {
        Map<String, PropertyFilter> byGroup = new HashMap<>();
        groups.forEach((group, table) -> {
            Compiled c = table.get(topic);
            if (c != null && !c.failed()) {
                byGroup.put(group, c.filter());
            }
        });
        shared.update(topic, byGroup);
    }

    /**
     * The message filter of a pull with a group's registered filter: shared match bits when other
     * groups filter the topic too.
     */
    public MessageFilter messageFilter(String group, String topic, Compiled compiled) {
        return shared.filterFor(topic, group, compiled.filter());
    }

    /** The registered filter of a group's topic (compiled or failed), or null. */
    public Compiled registered(String group, String topic) {
        Map<String, Compiled> table = groups.get(group);
        return table == null ? null : table.get(topic);
    }

    /** The compiled property filter of a group's topic, or null when it has none or it failed. */
    public PropertyFilter filterOf(String group, String topic) {
        Compiled c = registered(group, topic);
        return c == null ? null : c.filter();
    }

    /**
     * Compiles a subscription sent with a request (not registered), reusing an earlier compilation of
     * the same type and text; the result may be a failure.
     */
    public Compiled compileFresh(SubscriptionData sub) {
        String key = sub.getExpressionType() + '\0' + sub.getSubString();
        Compiled c = adHoc.get(key);
        if (c == null) {
            c = compile(sub, 0);
            if (adHoc.size() >= AD_HOC_CAPACITY) {
                adHoc.clear();
            }
            adHoc.putIfAbsent(key, c);
        }
        return c.withVersion(sub.getSubVersion());
    }

    /** Whether the expression type has a provider. */
    public boolean supports(String expressionType) {
        return registry.supports(expressionType);
    }

    private Compiled compile(SubscriptionData sub, long version) {
        try {
            return new Compiled(registry.compile(sub.getExpressionType(), sub.getSubString()), version,
                    sub.getExpressionType(), String.valueOf(sub.getSubString()), null);
        } catch (FilterException | IllegalArgumentException e) {
            return new Compiled(null, version, sub.getExpressionType(), String.valueOf(sub.getSubString()),
                    e.getMessage());
        }
    }
}
