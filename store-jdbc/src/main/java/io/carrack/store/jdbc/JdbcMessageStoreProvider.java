package io.carrack.store.jdbc;

import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreContext;
import io.carrack.store.jdbc.internal.JdbcMessageStore;
import io.carrack.store.jdbc.internal.JdbcStoreConfig;
import java.util.Optional;
import java.util.Set;

/**
 * The JDBC store, {@code storeType=jdbc}: messages as rows of a database, by default an embedded H2 file
 * database under {@code storePathRootDir/jdbc}; {@code store.jdbc.url}, {@code store.jdbc.user} and
 * {@code store.jdbc.password} point it at PostgreSQL instead.
 *
 * <p>Thread safety: stateless.
 */
public final class JdbcMessageStoreProvider implements MessageStoreProvider {
    /** The name broker.conf's {@code storeType} selects this store by. */
    public static final String NAME = "jdbc";

    /** For {@link java.util.ServiceLoader}; does no I/O. */
    public JdbcMessageStoreProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MessageStore open(StoreContext context) {
        return JdbcMessageStore.open(context);
    }

    @Override
    public Optional<Set<String>> knownKeys() {
        return Optional.of(JdbcStoreConfig.KEYS);
    }
}
