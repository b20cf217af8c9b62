package io.carrack.store.jdbc;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.MessageStoreConformance;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The JDBC store on a real PostgreSQL server against the storage SPI conformance kit; skipped, saying why,
 * unless {@code CARRACK_PG_URL} is set (bin/with-postgres sets it). Each test's store lives in its own schema.
 */
class JdbcPostgresStoreConformanceTest extends MessageStoreConformance {
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

    /** Each test (not just the class) is reported skipped, with the reason, when no server is given. */
    @BeforeEach
    void requirePostgres() {
        PostgresTestDatabase.assumeAvailable();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        PostgresTestDatabase.dropCreatedSchemas();
    }

    @Override
    protected MessageStoreProvider provider() {
        return new JdbcMessageStoreProvider();
    }

    @Override
    protected StoreConfig config(Path rootDir) {
        String schema = SCHEMAS.computeIfAbsent(rootDir, d -> PostgresTestDatabase.newSchema("tck"));
        return super.config(rootDir).withStoreProperties(PostgresTestDatabase.storeProperties(schema));
    }
}
