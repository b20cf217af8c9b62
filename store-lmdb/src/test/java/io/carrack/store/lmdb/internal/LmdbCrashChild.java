package io.carrack.store.lmdb.internal;

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

/**
 * The process {@link LmdbSigkillTest} kills: opens a SYNC_FLUSH LMDB store and puts messages (singles and small
 * batches) into four queues, printing {@code ACK queueId queueOffset physicalOffset size bodyLength seed} per
 * acknowledged message. Bounded by a message count and a run time; normally killed long before.
 */
public final class LmdbCrashChild {
    static final String TOPIC = "Crash";

    private LmdbCrashChild() {
    }

    static StoreConfig config(Path dir) {
        return new StoreConfig(dir, FlushMode.SYNC_FLUSH, 1024 * 1024, 20_000, 64 * 1024, 5000, 50, 72, "04", 99,
                Map.of(LmdbStoreConfig.MAP_SIZE, "64m"));
    }

    /** Arguments: store directory, maximum messages, maximum seconds. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int maxMessages = Integer.parseInt(args[1]);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(args[2])));
        PrintStream out = System.out;
        LmdbMessageStore store = LmdbMessageStore.open(new StoreContext(config(dir), InstantSource.system(),
                MessageArrivalListener.NONE));
        store.start();
        out.println("READY");
        out.flush();
        int sent = 0;
        for (int i = 0; sent < maxMessages && Instant.now().isBefore(deadline); i++) {
            int queueId = i % 4;
            List<BrokerMessage> batch = new ArrayList<>();
            int n = i % 7 == 0 ? 3 : 1;
            for (int k = 0; k < n; k++) {
                batch.add(TestMessages.message(TOPIC, queueId, TestMessages.patternBody(100 + (i * 37 + k) % 900, i),
                        "T" + k, "key" + i + "-" + k));
            }
            PutResult r = n == 1 ? store.put(batch.get(0)) : store.putBatch(batch);
            if (r.status() != PutStatus.OK) {
                out.println("FAILED " + r.status());
                out.flush();
                continue;
            }
            long phys = r.physicalOffset();
            for (int k = 0; k < n; k++) {
                int size = StoredMessageCodec.encodedLength(batch.get(k));
                out.println("ACK " + queueId + " " + (r.queueOffset() + k) + " " + phys + " " + size + " "
                        + batch.get(k).body().length + " " + i);
                phys += size;
            }
            out.flush();
            sent += n;
        }
        store.close();
        out.println("DONE");
        out.flush();
    }
}
