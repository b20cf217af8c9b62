package io.carrack.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database goes away under a running store (H2 {@code SHUTDOWN} from another connection closes it for every
 * connection): the writer's transaction fails, it reconnects and retries, and no acknowledged put is lost or
 * written twice; queues stay contiguous.
 */
class WriterRetryTest {
    private static final String TOPIC = "Retry";
    private static final int PUTS = 600;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void acknowledgedPutsSurviveTheDatabaseGoingAway(FlushMode mode) throws Exception {
        StoreConfig config = JdbcTestSupport.config(dir, mode, Map.of(JdbcStoreConfig.MAX_BATCH_MESSAGES, "16"));
        ControlledClock clock = new ControlledClock();
        List<PutResult> acks = new ArrayList<>();
        try (JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(config, clock))) {
            store.start();
            for (int i = 0; i < PUTS; i++) {
                if (i == PUTS / 3 || i == 2 * PUTS / 3) {
                    try (Connection c = JdbcTestSupport.h2(dir); Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    }
                }
                PutResult r = store.put(TestMessages.message(TOPIC, i % 3, "m" + i));
                assertTrue(r.status().stored(), "put " + i + ": " + r);
                acks.add(r);
            }
            store.stats(); // waits until every accepted put is committed
            assertEquals(PUTS / 3, store.maxOffset(TOPIC, 0));
        }
        try (JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(config, clock))) {
            for (int i = 0; i < PUTS; i++) {
                PutResult r = acks.get(i);
                StoredMessage m = TestMessages.decode(store.read(r.physicalOffset()).orElseThrow(
                        () -> new AssertionError("acknowledged put lost: " + r)));
                assertEquals(r.queueOffset(), m.queueOffset());
                assertEquals(i / 3, m.queueOffset());
            }
            for (int q = 0; q < 3; q++) {
                assertEquals(PUTS / 3, store.maxOffset(TOPIC, q));
                long offset = 0;
                for (int guard = 0; offset < PUTS / 3 && guard < 1000; guard++) {
                    try (GetResult g = store.get(TOPIC, q, offset, 32, MessageFilter.ALL)) {
                        assertEquals(GetStatus.FOUND, g.status());
                        for (int k = 0; k < g.messages().size(); k++) {
                            StoredMessage m = TestMessages.decode(g.messages().get(k));
                            assertEquals(offset + k, m.queueOffset());
                            assertEquals("m" + ((offset + k) * 3 + q), TestMessages.bodyText(g.messages().get(k)));
                        }
                        offset = g.nextBeginOffset();
                    }
                }
                assertEquals(PUTS / 3, offset);
            }
            assertEquals(acks.get(PUTS - 1).physicalOffset() + acks.get(PUTS - 1).wroteBytes(),
                    store.stats().maxPhysicalOffset(), "nothing written twice");
        }
    }
}
