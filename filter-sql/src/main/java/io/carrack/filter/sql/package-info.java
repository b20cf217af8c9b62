/** The SQL92 filter provider; not exported, found through {@link java.util.ServiceLoader}. */
package io.carrack.filter.sql;
