package io.carrack.benchmark.store;

import io.carrack.common.message.BrokerMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Sequential read through {@code get}: one consumer walks a queue of {@value #MESSAGES} 1 KiB messages in
 * pulls of {@code maxCount}, copying every record into a buffer as the broker copies them into a pull
 * response, and wraps around at the end. The score is pulls per second; the {@code bytes} counter is
 * record bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class StoreGetBenchmark {
    static final int MESSAGES = 400_000;
    static final String TOPIC = "BenchGet";

    @Param({"mmap"})
    public String storeType;

    @Param({"1024"})
    public int bodySize;

    @Param({"32"})
    public int maxCount;

    private Path dir;
    private MessageStore store;
    private long offset;
    private ByteBuffer response;

    /** Bytes read, reported per second next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bytes;
        public long messages;
    }

    @Setup(Level.Trial)
    public void setUp() {
        dir = StoreBenchmarkSupport.newDirectory("carrack-get-");
        store = StoreBenchmarkSupport.open(storeType, dir, FlushMode.ASYNC_FLUSH);
        BrokerMessage m = StoreBenchmarkSupport.message(TOPIC, 0, bodySize);
        for (int i = 0; i < MESSAGES; i++) {
            if (!store.put(m).status().stored()) {
                throw new IllegalStateException("fill failed at " + i);
            }
        }
        for (int i = 0; i < 100_000 && store.maxOffset(TOPIC, 0) < MESSAGES; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        if (store.maxOffset(TOPIC, 0) < MESSAGES) {
            throw new IllegalStateException("messages not readable after fill");
        }
        response = ByteBuffer.allocate(maxCount * (bodySize + 512));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        StoreBenchmarkSupport.deleteTree(dir);
    }

    @Benchmark
    public int getSequential(Counters counters) {
        try (GetResult r = store.get(TOPIC, 0, offset, maxCount, MessageFilter.ALL)) {
            if (r.status() != GetStatus.FOUND) {
                offset = 0;
                return 0;
            }
            response.clear();
            for (ByteBuffer b : r.messages()) {
                response.put(b.duplicate());
            }
            counters.bytes += response.position();
            counters.messages += r.messages().size();
            offset = r.nextBeginOffset() >= MESSAGES ? 0 : r.nextBeginOffset();
            return response.position();
        }
    }
}
