/** The name server's implementation: route tables, KV store, request processors, expiry. Not API. */
package io.carrack.namesrv.internal;
