/**
 * The broker's side of class filtering (PROTOCOL.md section 13.8): the table of filter servers that
 * register with REGISTER_FILTER_SERVER (301), their expiry, their publication in REGISTER_BROKER's
 * {@code filterServerList}, and the launcher that keeps {@code filterServerNums} filter-server processes
 * running. The filter server itself is a separate process ({@code bin/mqfiltersrv}); the broker does
 * not depend on its module.
 */
package io.carrack.broker.internal.filtersrv;
