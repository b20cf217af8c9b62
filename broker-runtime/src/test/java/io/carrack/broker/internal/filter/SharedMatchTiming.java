package io.carrack.broker.internal.filter;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded timing (not a test, not run by Surefire): the filter CPU cost of K consumer groups each
 * reading the same stored messages of a topic with its own SQL92 expression, with a plain
 * {@link PropertyMessageFilter} per group versus {@link SharedMatchCache}. Reports CPU nanoseconds of
 * this thread per (group, message) read, the median of several rounds; each round starts with fresh
 * bits, so it includes computing them. The messages are spread over 8 queues (2,500 each, within
 * the default ring of 4,096 per queue).
 *
 * <p>Run: {@code java -cp <broker-runtime test class path> io.carrack.broker.internal.filter.SharedMatchTiming [rounds]}
 */
public final class SharedMatchTiming {
    private static final int MESSAGES = 20_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SharedMatchTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        FilterRegistry registry = FilterRegistry.load();
        List<ByteBuffer> records = records();
        System.out.printf("%d messages, 7 properties each; CPU ns per (group, message), median of %d rounds%n",
                MESSAGES, rounds);
        System.out.printf("%-7s %12s %12s %8s%n", "groups", "plain", "shared", "ratio");
        boolean warmUp = true;
        for (int groups : new int[] {4, 1, 2, 4, 8, 16}) {
            Map<String, PropertyFilter> filters = new LinkedHashMap<>();
            for (int g = 0; g < groups; g++) {
                filters.put("G" + g, registry.compile("SQL92",
                        "a > " + g + " AND b = 'x' AND c BETWEEN 1 AND " + (10 + g)));
            }
            long sink = 0;
            long[] plain = new long[rounds];
            long[] shared = new long[rounds];
            for (int r = -2; r < rounds; r++) {
                long t0 = cpu();
                for (PropertyFilter f : filters.values()) {
                    sink += count(new PropertyMessageFilter(f), records);
                }
                long t1 = cpu();
                SharedMatchCache cache = new SharedMatchCache();
                cache.update("T", filters);
                for (Map.Entry<String, PropertyFilter> e : filters.entrySet()) {
                    sink += count(cache.filterFor("T", e.getKey(), e.getValue()), records);
                }
                long t2 = cpu();
                if (r >= 0) {
                    plain[r] = t1 - t0;
                    shared[r] = t2 - t1;
                }
            }
            if (warmUp) {
                warmUp = false;
                continue;
            }
            double perPlain = median(plain) / (double) (groups * MESSAGES);
            double perShared = median(shared) / (double) (groups * MESSAGES);
            System.out.printf("%-7d %12.0f %12.0f %7.2fx   (%d)%n", groups, perPlain, perShared,
                    perPlain / perShared, sink % 10);
        }
    }

    private static int count(MessageFilter f, List<ByteBuffer> records) {
        int n = 0;
        for (ByteBuffer r : records) {
            if (f.matchesMessage(r)) {
                n++;
            }
        }
        return n;
    }

    private static List<ByteBuffer> records() {
        InetSocketAddress host = new InetSocketAddress("127.0.0.1", 10911);
        List<ByteBuffer> out = new ArrayList<>(MESSAGES);
        long physical = 0;
        for (int i = 0; i < MESSAGES; i++) {
            Map<String, String> props = new HashMap<>();
            props.put("a", Integer.toString(i % 20));
            props.put("b", i % 3 == 0 ? "x" : "y");
            props.put("c", Integer.toString(i % 15));
            props.put("TAGS", "TagA");
            props.put("KEYS", "key-" + i);
            props.put("UNIQ_KEY", "7F0000010000" + Integer.toHexString(i));
            props.put("WAIT", "true");
            BrokerMessage m = new BrokerMessage().topic("T").queueId(i % 8).body(new byte[64]).properties(props)
                    .bornTimestamp(1).bornHost(host).storeHost(host);
            ByteBuffer b = StoredMessageCodec.encode(m, i / 8, physical, 2);
            physical += b.remaining();
            out.add(b.asReadOnlyBuffer());
        }
        return out;
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
