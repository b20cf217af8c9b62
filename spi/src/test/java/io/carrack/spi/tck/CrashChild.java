package io.carrack.spi.tck;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link MessageStoreCrashConformance} kills: opens the store of a crash test class (its provider and
 * configuration) and puts messages, singles and batches of three, into {@value MessageStoreCrashConformance#QUEUES}
 * queues from {@link MessageStoreCrashConformance#producers()} threads, printing one
 * {@code ACK queueId queueOffset physicalOffset size bodyLength seed} line per acknowledged message and a
 * {@code FAILED status} line per refused put. Bounded by a message count and a run time; normally killed long
 * before. Prints to standard output on purpose: the parent reads it.
 *
 * <p>Thread safety: a program; its producers share only the store and the output stream (guarded).
 */
public final class CrashChild {
    private CrashChild() {
    }

    /** Arguments: crash test class name, store directory, maximum messages, maximum seconds. */
    public static void main(String[] args) throws Exception {
        MessageStoreCrashConformance test = instantiate(args[0]);
        Path dir = Path.of(args[1]);
        int maxMessages = Integer.parseInt(args[2]);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(args[3])));
        PrintStream out = System.out;
        StoreConfig config = test.config(dir);
        MessageStore store = test.provider().open(new StoreContext(config, InstantSource.system(),
                MessageArrivalListener.NONE));
        store.start();
        out.println("READY");
        out.flush();
        int producers = Math.max(1, test.producers());
        AtomicInteger sent = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> produce(store, producer, producers, sent, maxMessages, deadline, out),
                    "crash-producer-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        store.close();
        out.println("DONE");
        out.flush();
    }

    private static MessageStoreCrashConformance instantiate(String className) throws ReflectiveOperationException {
        Constructor<?> c = Class.forName(className).getDeclaredConstructor();
        c.setAccessible(true);
        return (MessageStoreCrashConformance) c.newInstance();
    }

    private static void produce(MessageStore store, int producer, int producers, AtomicInteger sent,
                                int maxMessages, Instant deadline, PrintStream out) {
        String topic = MessageStoreCrashConformance.TOPIC;
        for (int i = producer; sent.get() < maxMessages && Instant.now().isBefore(deadline); i += producers) {
            int queueId = i % MessageStoreCrashConformance.QUEUES;
            List<BrokerMessage> batch = new ArrayList<>();
            int n = i % 7 == 0 ? 3 : 1;
            for (int k = 0; k < n; k++) {
                batch.add(TestMessages.message(topic, queueId, TestMessages.patternBody(100 + (i * 37 + k) % 900, i),
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
                        .append(' ').append(size).append(' ').append(batch.get(k).body().length).append(' ')
                        .append(i).append('\n');
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
