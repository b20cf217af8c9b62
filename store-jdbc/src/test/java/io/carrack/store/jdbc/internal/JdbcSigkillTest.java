package io.carrack.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.tck.MessageStoreCrashConformance;
import io.carrack.store.jdbc.JdbcMessageStoreProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JDBC store on its default H2 database against the kit's SIGKILL test, with two producer threads. The log
 * must end exactly after its last record, and physical offsets go on from there.
 */
class JdbcSigkillTest extends MessageStoreCrashConformance {

    @Override
    protected MessageStoreProvider provider() {
        return new JdbcMessageStoreProvider();
    }

    @Override
    protected StoreConfig config(Path rootDir) {
        return new StoreConfig(rootDir, FlushMode.SYNC_FLUSH, 1024 * 1024, 20_000, 64 * 1024, 5000, 50, 72, "04", 99,
                Map.of());
    }

    @Override
    protected int producers() {
        return 2;
    }

    @Override
    protected int acksBeforeKill() {
        return 300;
    }

    @Override
    protected long childMaxSeconds() {
        return 60;
    }

    @Override
    protected void checkRecovered(MessageStore store, Recovery recovery) {
        assertEquals(recovery.recordsEnd(), recovery.logEnd(), "the log ends after its last record");
        assertEquals(recovery.recordsEnd(), recovery.after().physicalOffset(),
                "physical offsets go on from the end of the log");
    }
}
