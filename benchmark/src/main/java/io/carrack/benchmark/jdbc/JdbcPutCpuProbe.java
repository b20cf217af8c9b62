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
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Put cost of a store in CPU time of the whole process (producer, writer and database threads), for a machine
 * shared with other work where wall-clock rates mostly measure the scheduler: puts 1 KiB messages (as
 * {@link JdbcPutBenchmark}) from {@code threads} producers for {@code seconds} after a warm-up, and prints the
 * wall-clock rate and the messages per CPU-second. On an otherwise idle 2-core machine the put rate is bounded
 * by about twice the latter (less the hand-offs between producer and writer).
 *
 * <p>Run: {@code java -cp benchmark/target/benchmarks.jar io.carrack.benchmark.jdbc.JdbcPutCpuProbe
 * [storeType=jdbc] [flushMode=ASYNC_FLUSH] [threads=1] [seconds=10] [key=value,... of store.<type>.]}.
 */
public final class JdbcPutCpuProbe {
    private JdbcPutCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String storeType = args.length > 0 ? args[0] : "jdbc";
        FlushMode mode = FlushMode.valueOf(args.length > 1 ? args[1] : "ASYNC_FLUSH");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Map<String, String> storeProperties = new LinkedHashMap<>();
        if (args.length > 4) {
            for (String kv : args[4].split(",")) {
                String[] p = kv.split("=", 2);
                storeProperties.put(p[0], p[1]);
            }
        }
        Path dir = Files.createTempDirectory("carrack-jdbc-probe-");
        MessageStoreProvider provider = ServiceLoader.load(MessageStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(storeType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store named " + storeType));
        StoreConfig config = StoreConfig.defaults(dir).withFlushMode(mode)
                .withFileSizes(256 * 1024 * 1024, StoreConfig.DEFAULT_CONSUME_QUEUE_FILE_SIZE)
                .withStoreProperties(storeProperties);
        MessageStore store = provider.open(StoreContext.of(config));
        try {
            store.start();
            run(store, threads, Math.max(2, seconds / 2));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long n = run(store, threads, seconds);
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            System.out.printf("%s %s threads=%d: %d puts in %.1f s = %.0f puts/s wall; %.1f us CPU per put"
                            + " = %.0f puts per CPU-second; load average %.1f%n", storeType, mode, threads, n,
                    wall / 1e9, n * 1e9 / wall, cpu / 1e3 / n, n * 1e9 / cpu, os.getSystemLoadAverage());
        } finally {
            store.close();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long run(MessageStore store, int threads, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[] counts = new long[threads];
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            BrokerMessage m = message(id);
            Thread th = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    PutResult r = store.put(m);
                    if (!r.status().stored()) {
                        throw new IllegalStateException("put failed: " + r);
                    }
                    n++;
                }
                counts[id] = n;
            }, "probe-producer-" + t);
            list.add(th);
            th.start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            list.get(t).join();
            total += counts[t];
        }
        return total;
    }

    private static BrokerMessage message(int queueId) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.KEYS, "order-4711");
        props.put(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "7F0000010B2A18B4AAC2123456780000");
        props.put(MessageConst.TAGS, "TagA");
        try {
            return new BrokerMessage().topic("BenchJdbcPut").queueId(queueId).body(new byte[1024]).properties(props)
                    .bornTimestamp(1_700_000_000_000L)
                    .bornHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 50000))
                    .storeHost(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 2}), 10911))
                    .tagsCode(BrokerMessage.tagsCodeOf("TagA"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
