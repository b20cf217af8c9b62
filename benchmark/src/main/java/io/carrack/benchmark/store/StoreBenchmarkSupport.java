package io.carrack.benchmark.store;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
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
import java.util.stream.Stream;

/**
 * Opens stores for the benchmarks through the SPI (as the broker does) in a fresh directory under
 * {@code -Dcarrack.bench.dir} (default: the system temp directory), and builds the messages.
 */
final class StoreBenchmarkSupport {
    /** Commit-log file size used by the benchmarks: 256 MiB keeps tear-down quick. */
    static final int LOG_FILE_SIZE = 256 * 1024 * 1024;

    private StoreBenchmarkSupport() {
    }

    static Path newDirectory(String prefix) {
        try {
            Path base = Path.of(System.getProperty("carrack.bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageStore open(String storeType, Path dir, FlushMode mode) {
        MessageStoreProvider provider = ServiceLoader.load(MessageStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(storeType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store named " + storeType));
        StoreConfig config = StoreConfig.defaults(dir).withFlushMode(mode)
                .withFileSizes(LOG_FILE_SIZE, StoreConfig.DEFAULT_CONSUME_QUEUE_FILE_SIZE);
        MessageStore store = provider.open(StoreContext.of(config));
        store.start();
        return store;
    }

    /** A message like a producer's: TAGS, KEYS and UNIQ_KEY properties, IPv4 hosts. */
    static BrokerMessage message(String topic, int queueId, int bodySize) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.KEYS, "order-4711");
        props.put(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, "7F0000010B2A18B4AAC2123456780000");
        props.put(MessageConst.TAGS, "TagA");
        try {
            return new BrokerMessage()
                    .topic(topic)
                    .queueId(queueId)
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

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
