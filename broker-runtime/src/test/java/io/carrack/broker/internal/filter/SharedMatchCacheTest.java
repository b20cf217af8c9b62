package io.carrack.broker.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Match bits shared by the groups filtering one topic: one evaluation round per message, exact results. */
class SharedMatchCacheTest {
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    /** Stored records with property a = 0..n-1 at increasing offsets. */
    private static List<ByteBuffer> records(int n) {
        List<ByteBuffer> out = new ArrayList<>();
        long physical = 1000;
        for (int i = 0; i < n; i++) {
            BrokerMessage m = new BrokerMessage().topic("T").queueId(0).body(new byte[] {(byte) i})
                    .properties(Map.of("a", Integer.toString(i))).bornTimestamp(1).bornHost(HOST).storeHost(HOST);
            ByteBuffer b = StoredMessageCodec.encode(m, i, physical, 2);
            physical += b.remaining();
            out.add(b.asReadOnlyBuffer());
        }
        return out;
    }

    /** A filter on property a, counting its evaluations. */
    private static PropertyFilter counting(AtomicInteger count, java.util.function.IntPredicate test) {
        return props -> {
            count.incrementAndGet();
            return test.test(Integer.parseInt(props.get("a")));
        };
    }

    private static List<Integer> matching(MessageFilter f, List<ByteBuffer> records) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ByteBuffer r = records.get(i);
            int before = r.position();
            if (f.matchesMessage(r)) {
                out.add(i);
            }
            assertEquals(before, r.position(), "the record's position is left alone");
        }
        return out;
    }

    @Test
    void secondGroupReadsItsBitsWithoutEvaluatingAgain() {
        SharedMatchCache cache = new SharedMatchCache(64);
        AtomicInteger evenCount = new AtomicInteger();
        AtomicInteger bigCount = new AtomicInteger();
        PropertyFilter even = counting(evenCount, a -> a % 2 == 0);
        PropertyFilter big = counting(bigCount, a -> a >= 7);
        cache.update("T", Map.of("G_EVEN", even, "G_BIG", big));
        List<ByteBuffer> records = records(10);

        assertEquals(List.of(0, 2, 4, 6, 8), matching(cache.filterFor("T", "G_EVEN", even), records));
        assertEquals(10, evenCount.get());
        assertEquals(10, bigCount.get(), "the first read evaluates every group's filter");
        assertEquals(List.of(7, 8, 9), matching(cache.filterFor("T", "G_BIG", big), records));
        assertEquals(List.of(0, 2, 4, 6, 8), matching(cache.filterFor("T", "G_EVEN", even), records));
        assertEquals(10, evenCount.get(), "later reads use the bits");
        assertEquals(10, bigCount.get());
    }

    @Test
    void aChangedFilterGetsFreshBitsAndAStaleOneFallsBack() {
        SharedMatchCache cache = new SharedMatchCache(64);
        AtomicInteger n = new AtomicInteger();
        PropertyFilter small = counting(n, a -> a < 3);
        PropertyFilter odd = counting(n, a -> a % 2 == 1);
        cache.update("T", Map.of("G1", small, "G2", odd));
        List<ByteBuffer> records = records(6);
        assertEquals(List.of(0, 1, 2), matching(cache.filterFor("T", "G1", small), records));

        PropertyFilter large = counting(n, a -> a >= 4);
        cache.update("T", Map.of("G1", large, "G2", odd));
        assertEquals(List.of(4, 5), matching(cache.filterFor("T", "G1", large), records));
        // a pull holding the old filter object gets a plain filter, still exact
        MessageFilter stale = cache.filterFor("T", "G1", small);
        assertInstanceOf(PropertyMessageFilter.class, stale);
        assertEquals(List.of(0, 1, 2), matching(stale, records));
        assertEquals(List.of(1, 3, 5), matching(cache.filterFor("T", "G2", odd), records));
    }

    @Test
    void aSmallRingOnlyCostsRecomputation() {
        SharedMatchCache cache = new SharedMatchCache(4);
        AtomicInteger n = new AtomicInteger();
        PropertyFilter three = counting(n, a -> a % 3 == 0);
        PropertyFilter any = counting(n, a -> true);
        cache.update("T", Map.of("G1", three, "G2", any));
        List<ByteBuffer> records = records(40);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i += 3) {
            expected.add(i);
        }
        for (int round = 0; round < 3; round++) {
            assertEquals(expected, matching(cache.filterFor("T", "G1", three), records));
            assertEquals(40, matching(cache.filterFor("T", "G2", any), records).size());
        }
    }

    @Test
    void oneGroupOrAnUnknownGroupUsesAPlainFilter() {
        SharedMatchCache cache = new SharedMatchCache();
        PropertyFilter f = props -> true;
        cache.update("T", Map.of("G", f));
        assertEquals(0, cache.topicCount());
        assertInstanceOf(PropertyMessageFilter.class, cache.filterFor("T", "G", f));
        cache.update("T", Map.of("G", f, "H", f));
        assertEquals(1, cache.topicCount());
        assertInstanceOf(PropertyMessageFilter.class, cache.filterFor("T", "OTHER", f));
        assertFalse(cache.filterFor("T", "G", f) instanceof PropertyMessageFilter);
        cache.update("T", Map.of());
        assertEquals(0, cache.topicCount());
        assertThrows(IllegalArgumentException.class, () -> new SharedMatchCache(6));
        assertTrue(cache.filterFor("T", "G", f).needsMessage());
    }
}
