package io.carrack.benchmark.store;

import io.carrack.common.message.BrokerMessage;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Put throughput of a store, one producer thread: single puts and batches of {@value #BATCH}, bodies of
 * 128 B and 1 KiB, both flush modes. Scores are messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class StorePutBenchmark {
    static final int BATCH = 16;

    @Param({"mmap"})
    public String storeType;

    @Param({"128", "1024"})
    public int bodySize;

    @Param({"ASYNC_FLUSH", "SYNC_FLUSH"})
    public FlushMode flushMode;

    private Path dir;
    private MessageStore store;
    private BrokerMessage message;
    private List<BrokerMessage> batch;

    @Setup(Level.Trial)
    public void setUp() {
        dir = StoreBenchmarkSupport.newDirectory("carrack-put-");
        store = StoreBenchmarkSupport.open(storeType, dir, flushMode);
        message = StoreBenchmarkSupport.message("BenchPut", 0, bodySize);
        batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(StoreBenchmarkSupport.message("BenchBatch", 0, bodySize));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        StoreBenchmarkSupport.deleteTree(dir);
    }

    @Benchmark
    public PutResult putSingle() {
        PutResult r = store.put(message);
        if (!r.status().stored()) {
            throw new IllegalStateException("put failed: " + r);
        }
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public PutResult putBatch() {
        PutResult r = store.putBatch(batch);
        if (!r.status().stored()) {
            throw new IllegalStateException("batch put failed: " + r);
        }
        return r;
    }
}
