package io.carrack.benchmark.filter;

import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Evaluations per second of the measuring thread's own CPU time, for a shared or loaded machine where
 * {@link SqlFilterBenchmark}'s wall-clock throughput mostly measures how often the thread got a core. Same
 * expression and property maps as the JMH benchmark; prints one line per map.
 *
 * <pre>java -cp benchmark/target/benchmarks.jar io.carrack.benchmark.filter.SqlFilterCpuProbe [seconds]</pre>
 */
public final class SqlFilterCpuProbe {
    private static final int BATCH = 100_000;

    private SqlFilterCpuProbe() {
    }

    /**
     * @param args optional CPU seconds to measure per map (default 5)
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        FilterProvider provider = ServiceLoader.load(FilterProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.expressionType().equals("SQL92"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no SQL92 filter provider on the class path"));
        PropertyFilter filter = provider.compile(SqlFilterBenchmark.EXPRESSION);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Map<String, String>> maps = List.of(message("7", "x", "3"), message("7", "x", "11"),
                message(null, "x", "3"));
        List<String> names = List.of("matching", "failingLast", "missingFirst");
        for (int i = 0; i < maps.size(); i++) {
            Map<String, String> properties = maps.get(i);
            run(filter, properties, threads, seconds / 2); // warm-up
            double rate = run(filter, properties, threads, seconds);
            System.out.printf("%-13s %,15.0f evaluations per CPU-second%n", names.get(i), rate);
        }
        parse(provider, threads, seconds / 2);
        System.out.printf("%-13s %,15.0f compilations per CPU-second%n", "parse", parse(provider, threads, seconds));
    }

    private static double parse(FilterProvider provider, ThreadMXBean threads, double cpuSeconds) {
        long budget = (long) (cpuSeconds * 1e9);
        long start = threads.getCurrentThreadCpuTime();
        long compilations = 0;
        long distinct = 0;
        long used;
        do {
            for (int i = 0; i < BATCH / 100; i++) {
                distinct += provider.compile(SqlFilterBenchmark.EXPRESSION).hashCode() & 1;
            }
            compilations += BATCH / 100;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (distinct < 0) {
            throw new IllegalStateException("unreachable");
        }
        return compilations / (used / 1e9);
    }

    private static double run(PropertyFilter filter, Map<String, String> properties, ThreadMXBean threads,
            double cpuSeconds) {
        long budget = (long) (cpuSeconds * 1e9);
        long start = threads.getCurrentThreadCpuTime();
        long evaluations = 0;
        long matches = 0;
        long used;
        do {
            for (int i = 0; i < BATCH; i++) {
                if (filter.matches(properties)) {
                    matches++;
                }
            }
            evaluations += BATCH;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (matches != 0 && matches != evaluations) {
            throw new IllegalStateException("inconsistent results: " + matches + " of " + evaluations);
        }
        return evaluations / (used / 1e9);
    }

    private static Map<String, String> message(String a, String b, String c) {
        Map<String, String> properties = new HashMap<>();
        properties.put("TAGS", "TagA");
        properties.put("KEYS", "order-20240917-0001");
        properties.put("UNIQ_KEY", "7F0000010B5C18B4AAC27A8F1E6D0000");
        properties.put("WAIT", "true");
        if (a != null) {
            properties.put("a", a);
        }
        properties.put("b", b);
        properties.put("c", c);
        return properties;
    }
}
