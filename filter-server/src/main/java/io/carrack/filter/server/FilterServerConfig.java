package io.carrack.filter.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a filter server.
 *
 * <p>Thread safety: immutable.
 *
 * @param brokerAddr           {@code host:port} of the broker this filter server serves (required)
 * @param bindAddress          address to listen on ({@code 0.0.0.0} by default)
 * @param listenPort           port to listen on; 0 picks a free one (the default: the broker learns it)
 * @param advertisedHost       host put in the address registered with the broker; null: the broker's host
 * @param registerPeriod       how often to register with the broker (RocketMQ: 10 s)
 * @param matchBudget          the most time one {@code match} call may take
 * @param loadBudget           the most time loading a filter (static initializers included) may take
 * @param compileBudget        the most time compiling a filter may take
 * @param maxSourceBytes       the largest filter source accepted
 * @param maxFilters           the most (group, topic) filters held at once
 * @param parentPid            when positive, exit when this process (the broker that started us) ends
 */
public record FilterServerConfig(String brokerAddr, String bindAddress, int listenPort, String advertisedHost,
                                 Duration registerPeriod, Duration matchBudget, Duration loadBudget,
                                 Duration compileBudget, int maxSourceBytes, int maxFilters, long parentPid) {
    public FilterServerConfig {
        Objects.requireNonNull(brokerAddr, "brokerAddr");
        if (brokerAddr.lastIndexOf(':') <= 0) {
            throw new IllegalArgumentException("brokerAddr must be host:port, not '" + brokerAddr + "'");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort out of range: " + listenPort);
        }
        requirePositive("registerPeriod", registerPeriod);
        requirePositive("matchBudget", matchBudget);
        requirePositive("loadBudget", loadBudget);
        requirePositive("compileBudget", compileBudget);
        if (maxSourceBytes <= 0 || maxFilters <= 0) {
            throw new IllegalArgumentException("maxSourceBytes and maxFilters must be positive");
        }
    }

    /** Defaults for a broker: ephemeral port on all addresses, 10 s registration, 200 ms per match. */
    public static FilterServerConfig of(String brokerAddr) {
        return new FilterServerConfig(brokerAddr, "0.0.0.0", 0, null, Duration.ofSeconds(10),
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024, 1024, 0);
    }

    /** A copy listening on another address and port. */
    public FilterServerConfig withListen(String address, int port) {
        return new FilterServerConfig(brokerAddr, address, port, advertisedHost, registerPeriod, matchBudget,
                loadBudget, compileBudget, maxSourceBytes, maxFilters, parentPid);
    }

    /** A copy with another match budget. */
    public FilterServerConfig withMatchBudget(Duration budget) {
        return new FilterServerConfig(brokerAddr, bindAddress, listenPort, advertisedHost, registerPeriod, budget,
                loadBudget, compileBudget, maxSourceBytes, maxFilters, parentPid);
    }

    /** A copy with another registration period. */
    public FilterServerConfig withRegisterPeriod(Duration period) {
        return new FilterServerConfig(brokerAddr, bindAddress, listenPort, advertisedHost, period, matchBudget,
                loadBudget, compileBudget, maxSourceBytes, maxFilters, parentPid);
    }

    /** A copy that exits when the given process ends. */
    public FilterServerConfig withParentPid(long pid) {
        return new FilterServerConfig(brokerAddr, bindAddress, listenPort, advertisedHost, registerPeriod, matchBudget,
                loadBudget, compileBudget, maxSourceBytes, maxFilters, pid);
    }

    /** A copy advertising another host. */
    public FilterServerConfig withAdvertisedHost(String host) {
        return new FilterServerConfig(brokerAddr, bindAddress, listenPort, host, registerPeriod, matchBudget,
                loadBudget, compileBudget, maxSourceBytes, maxFilters, parentPid);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
