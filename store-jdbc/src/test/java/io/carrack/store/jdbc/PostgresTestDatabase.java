package io.carrack.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the tests run against, given by {@code CARRACK_PG_URL}, {@code CARRACK_PG_USER} and
 * {@code CARRACK_PG_PASSWORD} ({@code bin/with-postgres} sets them). Each store a test opens gets a schema of its
 * own, dropped again at the end of the test class.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class PostgresTestDatabase {
    /** Why PostgreSQL tests are skipped when the server is not given. */
    public static final String SKIP_REASON = "CARRACK_PG_URL is not set, so there is no PostgreSQL server to test"
            + " against: run under bin/with-postgres (e.g. bin/with-postgres mvn test -pl store-jdbc), or set"
            + " CARRACK_PG_URL=jdbc:postgresql://host:port/db, CARRACK_PG_USER and CARRACK_PG_PASSWORD";

    private static final String RUN = "t" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    private PostgresTestDatabase() {
    }

    /** Skips the calling test (class) with {@link #SKIP_REASON} unless a server is given. */
    public static void assumeAvailable() {
        assumeTrue(url() != null, SKIP_REASON);
    }

    public static String url() {
        String url = System.getenv("CARRACK_PG_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** The {@code store.jdbc.*} properties (prefix removed) for a store in a new schema. */
    public static Map<String, String> storeProperties(String schema) {
        Map<String, String> p = new HashMap<>();
        p.put("url", url());
        String user = System.getenv("CARRACK_PG_USER");
        String password = System.getenv("CARRACK_PG_PASSWORD");
        if (user != null) {
            p.put("user", user);
        }
        if (password != null) {
            p.put("password", password);
        }
        p.put("schema", schema);
        return p;
    }

    /** A schema name unique to this run, remembered for {@link #dropCreatedSchemas()}. */
    public static String newSchema(String hint) {
        String schema = (RUN + "_" + hint + "_" + CREATED.size()).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (schema.length() > 60) {
            schema = schema.substring(0, 60);
        }
        CREATED.add(schema);
        return schema;
    }

    /** Opens a plain connection to the server. */
    public static Connection connect() throws SQLException {
        Properties p = new Properties();
        String user = System.getenv("CARRACK_PG_USER");
        String password = System.getenv("CARRACK_PG_PASSWORD");
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url(), p);
    }

    /** Drops the schemas this run created. */
    public static void dropCreatedSchemas() throws SQLException {
        if (url() == null || CREATED.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String schema : CREATED) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        CREATED.clear();
    }
}
