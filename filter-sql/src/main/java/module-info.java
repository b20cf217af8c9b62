/** SQL92 property filters, provided through the filter SPI. Exports nothing. */
module io.carrack.filter.sql {
    requires io.carrack.spi;
}
