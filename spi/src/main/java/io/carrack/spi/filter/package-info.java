/**
 * The filter SPI: an expression type ("TAG", "SQL92", ...) compiled into a filter the store applies
 * while reading a queue.
 */
package io.carrack.spi.filter;
