package io.carrack.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreException;
import io.carrack.spi.tck.ControlledClock;
import io.carrack.spi.tck.TestMessages;
import io.carrack.store.jdbc.PostgresTestDatabase;
import io.carrack.store.jdbc.internal.dialect.PostgresDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL specifics, against a real server (skipped, saying why, without {@code CARRACK_PG_URL}): the
 * advisory lock that keeps a second broker off a schema, and the writer surviving its session being terminated.
 */
class JdbcPostgresStoreTest {
    private static final String TOPIC = "PgTopic";

    @TempDir
    Path dir;

    private final ControlledClock clock = new ControlledClock();

    @BeforeEach
    void requirePostgres() {
        PostgresTestDatabase.assumeAvailable();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestDatabase.dropCreatedSchemas();
    }

    private StoreConfig config(String schema, FlushMode mode, String urlSuffix) {
        Map<String, String> p = new HashMap<>(PostgresTestDatabase.storeProperties(schema));
        p.put("url", p.get("url") + urlSuffix);
        return JdbcTestSupport.config(dir, mode, p);
    }

    @Test
    void aSecondStoreOnTheSameSchemaIsRefusedByTheAdvisoryLock() {
        String schema = PostgresTestDatabase.newSchema("lock");
        try (JdbcMessageStore first = JdbcMessageStore.open(JdbcTestSupport.context(
                config(schema, FlushMode.SYNC_FLUSH, ""), clock))) {
            // another URL for the same database, as a second broker would have: only the server can tell
            StoreException e = assertThrows(StoreException.class, () -> JdbcMessageStore.open(
                    JdbcTestSupport.context(config(schema, FlushMode.SYNC_FLUSH, "?tcpKeepAlive=true"), clock)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(e.getMessage().contains("schema " + schema), e.getMessage());
            first.start();
            assertTrue(first.put(TestMessages.message(TOPIC, 0, "x")).status().stored());
        }
        try (JdbcMessageStore again = JdbcMessageStore.open(JdbcTestSupport.context(
                config(schema, FlushMode.SYNC_FLUSH, "?tcpKeepAlive=true"), clock))) {
            assertEquals(1, again.maxOffset(TOPIC, 0), "free again once the first store closed");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writerSurvivesItsSessionBeingTerminated() throws Exception {
        for (FlushMode mode : FlushMode.values()) {
            StoreConfig config = config(PostgresTestDatabase.newSchema("kill" + mode.ordinal()), mode, "");
            List<PutResult> acks = new ArrayList<>();
            int puts = 300;
            try (JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(config, clock))) {
                store.start();
                int terminated = 0;
                for (int i = 0; i < puts; i++) {
                    if (i == 100 || i == 200) {
                        terminated += terminateWriter();
                    }
                    PutResult r = store.put(TestMessages.message(TOPIC, i % 3, "m" + i));
                    assertTrue(r.status().stored(), mode + " put " + i + ": " + r);
                    acks.add(r);
                }
                assertTrue(terminated > 0, "a writer session was terminated");
            }
            try (JdbcMessageStore store = JdbcMessageStore.open(JdbcTestSupport.context(config, clock))) {
                for (int i = 0; i < puts; i++) {
                    PutResult r = acks.get(i);
                    StoredMessage m = TestMessages.decode(store.read(r.physicalOffset()).orElseThrow(
                            () -> new AssertionError(mode + ": acknowledged put lost: " + r)));
                    assertEquals(i / 3, m.queueOffset());
                    assertEquals("m" + i, new String(m.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                for (int q = 0; q < 3; q++) {
                    assertEquals(puts / 3, store.maxOffset(TOPIC, q), mode + " queue " + q);
                }
            }
        }
    }

    /** Terminates the store writer's session(s); returns how many. */
    private static int terminateWriter() throws SQLException {
        try (Connection c = PostgresTestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, PostgresDialect.WRITER_APPLICATION_NAME);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }
}
