package io.carrack.compat.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores the compat tests run against, selected by the system property {@code carrack.compat.stores}, a
 * comma-separated list of store ids:
 * <ul>
 *   <li>{@code mmap}, {@code lmdb}, {@code jdbc}: {@code storeType} of that name with its defaults (jdbc on an
 *       embedded H2 database under the store directory);</li>
 *   <li>{@code jdbc-pg}: {@code storeType=jdbc} on the PostgreSQL database named by the environment variables
 *       {@code CARRACK_PG_URL}, {@code CARRACK_PG_USER} and {@code CARRACK_PG_PASSWORD} ({@code bin/with-postgres}
 *       starts a throw-away one and sets them), each broker in a schema of its own. Without
 *       {@code CARRACK_PG_URL} its tests are skipped, saying why.</li>
 * </ul>
 * Unset, blank or {@code default}: {@code mmap,lmdb,jdbc}, plus {@code jdbc-pg} when {@code CARRACK_PG_URL} is
 * set.
 */
public final class Stores {

    /** System property that selects the stores. */
    public static final String PROPERTY = "carrack.compat.stores";
    /** Environment variable with the JDBC URL of the PostgreSQL database for {@code jdbc-pg}. */
    public static final String PG_URL = "CARRACK_PG_URL";
    /** Environment variable with the PostgreSQL user for {@code jdbc-pg}. */
    public static final String PG_USER = "CARRACK_PG_USER";
    /** Environment variable with the PostgreSQL password for {@code jdbc-pg}. */
    public static final String PG_PASSWORD = "CARRACK_PG_PASSWORD";
    /** The id of the JDBC store on PostgreSQL. */
    public static final String JDBC_PG = "jdbc-pg";

    private static final List<String> ALWAYS = List.of("mmap", "lmdb", "jdbc");
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private Stores() {
    }

    /**
     * One store the tests run against.
     *
     * @param id        the id in {@code carrack.compat.stores}, shown in test names
     * @param storeType the broker's {@code storeType}
     */
    public record Store(String id, String storeType) {

        /** Why this store's tests cannot run here (they are skipped with this reason), or empty. */
        public Optional<String> unavailableReason() {
            return unavailableReason(System::getenv);
        }

        Optional<String> unavailableReason(UnaryOperator<String> env) {
            if (JDBC_PG.equals(id) && isBlank(env.apply(PG_URL))) {
                return Optional.of("store " + JDBC_PG + " needs a PostgreSQL database: " + PG_URL + " (and "
                        + PG_USER + ", " + PG_PASSWORD + ") is not set; run under bin/with-postgres, e.g. "
                        + "bin/with-postgres mvn test -pl compat-tests -D" + PROPERTY + "=" + JDBC_PG);
            }
            return Optional.empty();
        }

        /**
         * The broker.conf keys that select and configure this store: {@code storeType} and its
         * {@code store.<type>.*} keys. For {@code jdbc-pg} each call names a new schema, so two brokers made
         * from two calls never share tables, and a broker restarted with the same properties finds its own.
         *
         * @throws IllegalStateException if the store is unavailable here
         */
        public Properties brokerProperties() {
            return brokerProperties(System::getenv);
        }

        Properties brokerProperties(UnaryOperator<String> env) {
            unavailableReason(env).ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
            Properties p = new Properties();
            p.setProperty("storeType", storeType);
            if (JDBC_PG.equals(id)) {
                String prefix = "store." + storeType + ".";
                p.setProperty(prefix + "url", env.apply(PG_URL).trim());
                String user = env.apply(PG_USER);
                if (!isBlank(user)) {
                    p.setProperty(prefix + "user", user);
                }
                String password = env.apply(PG_PASSWORD);
                if (password != null) {
                    p.setProperty(prefix + "password", password);
                }
                p.setProperty(prefix + "schema", "compat_" + Long.toString(System.nanoTime(), 36)
                        + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36));
                p.setProperty(prefix + "connectTimeoutMillis", "10000");
            }
            return p;
        }
    }

    /** The selected stores, in order, without duplicates. */
    public static List<Store> selected() {
        return selected(System.getProperty(PROPERTY), System::getenv);
    }

    static List<Store> selected(String value, UnaryOperator<String> env) {
        List<String> ids;
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("default")) {
            ids = new ArrayList<>(ALWAYS);
            if (isBlank(env.apply(PG_URL))) {
                LOG.info("{} is not set: the compat tests do not run against PostgreSQL ({}); "
                        + "run under bin/with-postgres to include it", PG_URL, JDBC_PG);
            } else {
                ids.add(JDBC_PG);
            }
        } else {
            ids = Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .distinct()
                    .toList();
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no store: '" + value + "'");
        }
        return ids.stream().map(Stores::store).toList();
    }

    /** The store of an id: {@code jdbc-pg}, or any other id taken as a {@code storeType}. */
    public static Store store(String id) {
        return new Store(id, JDBC_PG.equals(id) ? "jdbc" : id);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
