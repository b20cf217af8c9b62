/**
 * The filter server process: {@link io.carrack.filter.server.FilterServer} to embed one,
 * {@link io.carrack.filter.server.FilterServerConfig}, {@link io.carrack.filter.server.FilterServerStartup}
 * (the {@code mqfiltersrv} command).
 */
package io.carrack.filter.server;
