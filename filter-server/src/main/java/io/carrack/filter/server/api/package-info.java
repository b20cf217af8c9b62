/**
 * The API a filter class is written against: {@link io.carrack.filter.server.api.MessageFilter} and the
 * read-only {@link io.carrack.filter.server.api.MessageView} of a message. A filter class may use only
 * these types and a whitelist of JDK classes (java.lang basics, java.util collections, java.util.regex,
 * java.util.function, java.util.stream (not parallel), java.time, java.math); everything else is refused
 * when the filter is registered.
 */
package io.carrack.filter.server.api;
