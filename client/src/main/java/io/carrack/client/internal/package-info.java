/**
 * The client's implementation: the per-client instance (routes, heartbeats, scheduled tasks), wire
 * calls to name servers and brokers, and message decoding. Not exported.
 */
package io.carrack.client.internal;
