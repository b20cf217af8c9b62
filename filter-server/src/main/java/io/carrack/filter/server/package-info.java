/**
 * The filter server process: {@link io.carrack.filter.server.FilterServer} to embed one,
 * {@link io.carrack.filter.server.FilterServerConfig}, {@link io.carrack.filter.server.FilterServerStartup}
 * (the {@code mqfiltersrv} command), and {@link io.carrack.filter.server.ClassFilterClient}, a small
 * consumer-side helper that uploads a filter class and pulls through a filter server.
 */
package io.carrack.filter.server;
