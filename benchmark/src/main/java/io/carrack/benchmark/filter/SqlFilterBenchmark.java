package io.carrack.benchmark.filter;

import io.carrack.spi.filter.FilterProvider;
import io.carrack.spi.filter.PropertyFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and evaluation speed of the SQL92 filter on a three-predicate expression over a small property map, as
 * the broker evaluates it for each pulled message. One thread; goal: at least 5 million evaluations per second.
 *
 * <p>The provider is found through {@link ServiceLoader}, as the broker finds it, so only the filter SPI is needed
 * to compile this class; {@code filter-sql} must be on the class path to run it.
 *
 * <pre>java -jar benchmark/target/benchmarks.jar SqlFilterBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlFilterBenchmark {
    /** The expression measured. */
    public static final String EXPRESSION = "a > 5 AND b = 'x' AND c BETWEEN 1 AND 10";

    private FilterProvider provider;
    private PropertyFilter filter;
    private Map<String, String> matching;
    private Map<String, String> failingLast;
    private Map<String, String> missingFirst;

    /** Finds the provider, compiles the expression and builds messages' property maps. */
    @Setup
    public void setUp() {
        provider = ServiceLoader.load(FilterProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.expressionType().equals("SQL92"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no SQL92 filter provider on the class path; "
                        + "add the filter-sql dependency"));
        filter = provider.compile(EXPRESSION);
        matching = message("7", "x", "3");
        failingLast = message("7", "x", "11");
        missingFirst = message(null, "x", "3");
        if (!filter.matches(matching) || filter.matches(failingLast) || filter.matches(missingFirst)) {
            throw new IllegalStateException("filter gives wrong answers: " + filter);
        }
    }

    /** Properties as a decoded message has them: the filtered ones plus the usual system properties. */
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

    /** All three predicates true. */
    @Benchmark
    public boolean evaluateMatching() {
        return filter.matches(matching);
    }

    /** The last predicate false: every predicate is evaluated. */
    @Benchmark
    public boolean evaluateFailingLast() {
        return filter.matches(failingLast);
    }

    /** The first property missing (unknown), so the rest is still evaluated. */
    @Benchmark
    public boolean evaluateMissingFirst() {
        return filter.matches(missingFirst);
    }

    /** Compiling the expression, as the broker does when a consumer subscribes. */
    @Benchmark
    public PropertyFilter parse() {
        return provider.compile(EXPRESSION);
    }
}
