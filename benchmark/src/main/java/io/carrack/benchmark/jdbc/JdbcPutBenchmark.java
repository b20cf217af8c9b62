package io.carrack.benchmark.jdbc;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Put throughput of the JDBC store on its default embedded H2 database beside the mmap store, opened through
 * the SPI as the broker does: 1 KiB bodies with TAGS, KEYS and UNIQ_KEY, both flush modes; {@code put} with one
 * producer thread, {@code put4} with four (where group commit shows). Scores are messages per second (the sum
 * over threads). Directories go under {@code -Dcarrack.bench.dir} (default: the system temp directory).
 *
 * <p>Run: {@code java -jar benchmark/target/benchmarks.jar JdbcPutBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JdbcPutBenchmark {
    @Param({"jdbc", "mmap"})
    public String storeType;

    @Param({"1024"})
    public int bodySize;

    @Param({"ASYNC_FLUSH", "SYNC_FLUSH"})
    public FlushMode flushMode;

    private Path dir;
    private MessageStore store;
    private BrokerMessage message;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path base = Path.of(System.getProperty("carrack.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "carrack-jdbc-put-");
        MessageStoreProvider provider = ServiceLoader.load(MessageStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(storeType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store named " + storeType));
        StoreConfig config = StoreConfig.defaults(dir).withFlushMode(flushMode)
                .withFileSizes(256 * 1024 * 1024, StoreConfig.DEFAULT_CONSUME_QUEUE_FILE_SIZE);
        store = provider.open(StoreContext.of(config));
        store.start();
        message = message(bodySize);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One producer thread. */
    @Benchmark
    @Threads(1)
    public PutResult put() {
        return putOnce();
    }

    /** Four producer threads: the writer commits their puts together. */
    @Benchmark
    @Threads(4)
    public PutResult put4() {
        return putOnce();
    }

    private PutResult putOnce() {
        PutResult r = store.put(message);
        if (!r.status().stored()) {
            throw new IllegalStateException("put failed: " + r);
        }
        return r;
    }

    private static BrokerMessage message(int bodySize) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.KEYS, "order-4711");
        props.put(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "7F0000010B2A18B4AAC2123456780000");
        props.put(MessageConst.TAGS, "TagA");
        try {
            return new BrokerMessage()
                    .topic("BenchJdbcPut")
                    .queueId(0)
                    .body(new byte[bodySize])
                    .properties(props)
                    .bornTimestamp(1_700_000_000_000L)
                    .bornHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 50000))
                    .storeHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 2}), 10911))
                    .tagsCode(BrokerMessage.tagsCodeOf("TagA"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
