/**
 * SQL92 property filters (RocketMQ's message-selector dialect), provided through the filter SPI under the
 * expression type {@code "SQL92"}. Exports nothing: the broker finds the provider with
 * {@link java.util.ServiceLoader}.
 */
module io.carrack.filter.sql {
    requires io.carrack.spi;

    provides io.carrack.spi.filter.FilterProvider with io.carrack.filter.sql.SqlFilterProvider;
}
