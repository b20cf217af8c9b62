/**
 * The consumer's side of class filters (PROTOCOL.md section 13.8): uploading a subscription's filter
 * class to the filter servers of its topic's brokers and routing that subscription's pulls through them.
 */
package io.carrack.client.internal.filtersrv;
