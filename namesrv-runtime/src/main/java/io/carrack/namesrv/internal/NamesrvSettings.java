package io.carrack.namesrv.internal;

import java.nio.file.Path;

/**
 * The settings fixed at start.
 *
 * @param bindAddress        address to bind
 * @param listenPort         port, 0 for any free one
 * @param kvConfigPath       the KV config file
 * @param workerThreads      request-processing threads
 * @param selectorThreads    network I/O threads
 * @param idleSeconds        idle connection timeout
 * @param scanIntervalMillis time between broker expiry scans
 * @param brokerExpiryMillis time without registration after which a broker is dropped
 */
public record NamesrvSettings(String bindAddress, int listenPort, Path kvConfigPath, int workerThreads,
                              int selectorThreads, int idleSeconds, long scanIntervalMillis,
                              long brokerExpiryMillis) {
}
