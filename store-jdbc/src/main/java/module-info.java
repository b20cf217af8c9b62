/**
 * A store on JDBC, found by the broker as {@code storeType=jdbc}: embedded H2 by default, PostgreSQL by URL.
 * Exports nothing. JDBC drivers are found through {@code java.sql}'s {@link java.sql.DriverManager} (H2 and
 * the PostgreSQL driver provide {@code java.sql.Driver}); connections are pooled by HikariCP.
 */
module io.carrack.store.jdbc {
    requires io.carrack.spi;
    requires java.sql;
    requires com.zaxxer.hikari;

    provides io.carrack.spi.store.MessageStoreProvider with io.carrack.store.jdbc.JdbcMessageStoreProvider;
}
