/** A store on JDBC: embedded H2 by default, PostgreSQL by URL. Exports nothing. */
module io.carrack.store.jdbc {
    requires io.carrack.spi;
    requires java.sql;
}
