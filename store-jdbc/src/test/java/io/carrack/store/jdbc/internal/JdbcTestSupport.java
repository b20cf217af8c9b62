package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageArrivalListener;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import io.carrack.spi.tck.ControlledClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** Configurations and direct database access for the JDBC store's own tests. */
final class JdbcTestSupport {
    private JdbcTestSupport() {
    }

    /** A small test configuration (as the conformance kit's) with the given store properties. */
    static StoreConfig config(Path root, FlushMode mode, Map<String, String> properties) {
        return new StoreConfig(root, mode, 1024 * 1024, 20_000, 256 * 1024, 5000, 50, 72, "04", 99, properties);
    }

    static StoreContext context(StoreConfig config, ControlledClock clock) {
        return new StoreContext(config, clock, MessageArrivalListener.NONE);
    }

    /** A plain connection to the default H2 database of a store root (the store must be closed). */
    static Connection h2(Path root) throws SQLException {
        return DriverManager.getConnection(JdbcStoreConfig.defaultH2Url(root), "sa", "");
    }
}
