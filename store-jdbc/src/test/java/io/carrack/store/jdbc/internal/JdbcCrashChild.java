package io.carrack.store.jdbc.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.tck.TestMessages;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link JdbcSigkillTest} kills: opens a SYNC_FLUSH store on the default H2 database and puts
 * messages (singles and small batches) into four queues from two threads, printing one
 * {@code ACK queueId queueOffset physicalOffset size bodyLength} line per acknowledged message. Bounded by a
 * message count and a run time; normally killed long before.
 */
public final class JdbcCrashChild {
    static final String TOPIC = "Crash";
    static final int PRODUCERS = 2;

    private JdbcCrashChild() {
    }

    static StoreConfig config(Path dir) {
        return new StoreConfig(dir, FlushMode.SYNC_FLUSH, 1024 * 1024, 20_000, 64 * 1024, 5000, 50, 72, "04", 99,
                Map.of());
    }

    /** Arguments: store directory, maximum messages, maximum seconds. */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int maxMessages = Integer.parseInt(args[1]);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(args[2])));
        PrintStream out = System.out;
        JdbcMessageStore store = JdbcMessageStore.open(new StoreContext(config(dir), InstantSource.system(),
                MessageArrivalListener.NONE));
        store.start();
        out.println("READY");
        out.flush();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread t = new Thread(() -> produce(store, producer, sent, maxMessages, deadline, out),
                    "crash-producer-" + p);
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        store.close();
        out.println("DONE");
        out.flush();
    }

    private static void produce(JdbcMessageStore store, int producer, AtomicInteger sent, int maxMessages,
                                Instant deadline, PrintStream out) {
        for (int i = producer; sent.get() < maxMessages && Instant.now().isBefore(deadline); i += PRODUCERS) {
            int queueId = i % 4;
            List<BrokerMessage> batch = new ArrayList<>();
            int n = i % 5 == 0 ? 3 : 1;
            for (int k = 0; k < n; k++) {
                batch.add(TestMessages.message(TOPIC, queueId, TestMessages.patternBody(100 + (i * 37 + k) % 900, i),
                        "T" + k, "key" + i + "-" + k));
            }
            PutResult r = n == 1 ? store.put(batch.get(0)) : store.putBatch(batch);
            if (r.status() != PutStatus.OK) {
                synchronized (out) {
                    out.println("FAILED " + r.status());
                    out.flush();
                }
                continue;
            }
            StringBuilder lines = new StringBuilder();
            long phys = r.physicalOffset();
            for (int k = 0; k < n; k++) {
                int size = StoredMessageCodec.encodedLength(batch.get(k));
                lines.append("ACK ").append(queueId).append(' ').append(r.queueOffset() + k).append(' ').append(phys)
                        .append(' ').append(size).append(' ').append(batch.get(k).body().length).append('\n');
                phys += size;
            }
            synchronized (out) {
                out.print(lines);
                out.flush();
            }
            sent.addAndGet(n);
        }
    }
}
