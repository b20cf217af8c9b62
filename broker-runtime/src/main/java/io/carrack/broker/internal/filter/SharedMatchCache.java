package io.carrack.broker.internal.filter;

import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Match bits shared by the consumer groups that filter one topic by properties (the idea of RocketMQ's
 * per-group filter bit map, computed on first read instead of at dispatch): the first pull of any
 * group that reads a message decodes its properties once, evaluates every group's filter on them,
 * and keeps one bit per group; the other groups' pulls of that message read their bit without
 * decoding the properties again. With K groups on a topic, a message's properties are decoded about
 * once instead of K times.
 *
 * <p>The bits live in a fixed ring per queue, indexed by queue offset (a cache: a group reading more
 * than a ring behind the others recomputes), each entry checked against the message's queue and
 * commit-log offsets from the record's header. Any change of a topic's filters replaces its rings,
 * so a bit is never read against other filters than those it was computed with. Topics with fewer
 * than two property-filtering groups get a plain {@link PropertyMessageFilter}.
 *
 * <p>Thread safety: all methods may be called from any thread; a ring entry is one immutable object
 * published with a volatile write, so concurrent pulls at worst compute the same bits twice.
 */
public final class SharedMatchCache {
    /** Groups one topic's bits can hold (one bit each in a long). */
    public static final int MAX_GROUPS = Long.SIZE;
    /** Ring entries per queue by default (a power of two). */
    public static final int DEFAULT_RING_SIZE = 1 << 12;

    private final int ringSize;
    private final ConcurrentMap<String, TopicMatches> topics = new ConcurrentHashMap<>();

    public SharedMatchCache() {
        this(DEFAULT_RING_SIZE);
    }

    /** @param ringSize entries per queue, a power of two */
    public SharedMatchCache(int ringSize) {
        if (ringSize <= 0 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        this.ringSize = ringSize;
    }

    /**
     * Sets the property filters of a topic, by group (replacing the topic's bits). An empty map drops
     * the topic.
     */
    public void update(String topic, Map<String, PropertyFilter> filtersByGroup) {
        if (filtersByGroup.size() < 2) {
            topics.remove(topic);
            return;
        }
        Map<String, PropertyFilter> sorted = new TreeMap<>(filtersByGroup);
        List<String> groups = new ArrayList<>(sorted.keySet());
        if (groups.size() > MAX_GROUPS) {
            groups = groups.subList(0, MAX_GROUPS);
        }
        PropertyFilter[] filters = new PropertyFilter[groups.size()];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = sorted.get(groups.get(i));
        }
        topics.put(topic, new TopicMatches(List.copyOf(groups), filters, ringSize));
    }

    /**
     * The filter a pull of {@code group} on {@code topic} uses: the shared bits when the topic's
     * current filter of the group is {@code own}, else a plain filter over {@code own}.
     */
    public MessageFilter filterFor(String topic, String group, PropertyFilter own) {
        TopicMatches t = topics.get(topic);
        if (t != null) {
            int slot = t.groups.indexOf(group);
            if (slot >= 0 && t.filters[slot] == own) {
                return new SharedFilter(t, slot);
            }
        }
        return new PropertyMessageFilter(own);
    }

    /** Number of topics with shared bits (tests, stats). */
    public int topicCount() {
        return topics.size();
    }

    /** One ring entry: the bits of the message at these offsets. */
    private record Entry(long physicalOffset, long queueOffset, long bits) {
    }

    private static final class TopicMatches {
        final List<String> groups;
        final PropertyFilter[] filters;
        final ConcurrentMap<Integer, AtomicReferenceArray<Entry>> rings = new ConcurrentHashMap<>();
        final int ringSize;
        final int mask;

        TopicMatches(List<String> groups, PropertyFilter[] filters, int ringSize) {
            this.groups = groups;
            this.filters = filters;
            this.ringSize = ringSize;
            this.mask = ringSize - 1;
        }

        long bits(ByteBuffer record) {
            int base = record.position();
            int queueId = record.getInt(base + StoredMessageDescriptor.QUEUE_ID_OFFSET);
            long queueOffset = record.getLong(base + StoredMessageDescriptor.QUEUE_OFFSET_OFFSET);
            long physicalOffset = record.getLong(base + StoredMessageDescriptor.PHYSICAL_OFFSET_OFFSET);
            AtomicReferenceArray<Entry> ring = rings.get(queueId);
            if (ring == null) {
                ring = rings.computeIfAbsent(queueId, q -> new AtomicReferenceArray<>(ringSize));
            }
            int index = (int) (queueOffset & mask);
            Entry e = ring.get(index);
            if (e != null && e.queueOffset == queueOffset && e.physicalOffset == physicalOffset) {
                return e.bits;
            }
            Map<String, String> properties;
            try {
                properties = StoredMessageCodec.readProperties(record);
            } catch (RuntimeException ex) {
                return 0;
            }
            long bits = 0;
            for (int i = 0; i < filters.length; i++) {
                if (matches(filters[i], properties)) {
                    bits |= 1L << i;
                }
            }
            ring.set(index, new Entry(physicalOffset, queueOffset, bits));
            return bits;
        }

        private static boolean matches(PropertyFilter f, Map<String, String> properties) {
            try {
                return f.matches(properties);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** A group's view of its topic's shared bits. */
    private static final class SharedFilter implements MessageFilter {
        private final TopicMatches topic;
        private final long bit;

        SharedFilter(TopicMatches topic, int slot) {
            this.topic = topic;
            this.bit = 1L << slot;
        }

        @Override
        public boolean matchesTagsCode(long tagsCode) {
            return true;
        }

        @Override
        public boolean matchesMessage(ByteBuffer storedMessage) {
            return (topic.bits(storedMessage) & bit) != 0;
        }
    }
}
