package io.carrack.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings every producer and consumer shares: where the name servers are, how the client names
 * itself, and the periods of its background tasks. The defaults are the RocketMQ 4.9.7 client's:
 * 3 s request timeout, route refresh every 30 s, heartbeat every 30 s, offsets persisted every 5 s.
 *
 * <p>Thread safety: immutable.
 *
 * @param namesrvAddr           name-server addresses, {@code host:port} separated by {@code ;}
 * @param instanceName          the instance part of the client id; null means {@code <pid>#<nanoTime>}
 * @param clientIp              the IP part of the client id; null means a local non-loopback address
 * @param requestTimeout        timeout of route, heartbeat, offset and lock requests
 * @param pollNameServerInterval period of the route refresh
 * @param heartbeatInterval     period of the broker heartbeat
 * @param persistOffsetInterval period at which consumers persist offsets
 */
public record ClientSettings(String namesrvAddr, String instanceName, String clientIp, Duration requestTimeout,
                             Duration pollNameServerInterval, Duration heartbeatInterval,
                             Duration persistOffsetInterval) {
    /** Validates the settings. */
    public ClientSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(pollNameServerInterval, "pollNameServerInterval");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(persistOffsetInterval, "persistOffsetInterval");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(pollNameServerInterval, "pollNameServerInterval");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(persistOffsetInterval, "persistOffsetInterval");
    }

    /** Defaults with the given name servers ({@code host:port;host:port}). */
    public static ClientSettings of(String namesrvAddr) {
        return new ClientSettings(namesrvAddr, null, null, Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** The name-server addresses as a list; empty when none are set. */
    public List<String> namesrvAddrList() {
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            return List.of();
        }
        return Arrays.stream(namesrvAddr.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A copy with other name servers. */
    public ClientSettings withNamesrvAddr(String addr) {
        return new ClientSettings(addr, instanceName, clientIp, requestTimeout, pollNameServerInterval,
                heartbeatInterval, persistOffsetInterval);
    }

    /** A copy with another instance name. */
    public ClientSettings withInstanceName(String name) {
        return new ClientSettings(namesrvAddr, name, clientIp, requestTimeout, pollNameServerInterval,
                heartbeatInterval, persistOffsetInterval);
    }

    /** A copy with another client IP. */
    public ClientSettings withClientIp(String ip) {
        return new ClientSettings(namesrvAddr, instanceName, ip, requestTimeout, pollNameServerInterval,
                heartbeatInterval, persistOffsetInterval);
    }

    /** A copy with another request timeout. */
    public ClientSettings withRequestTimeout(Duration timeout) {
        return new ClientSettings(namesrvAddr, instanceName, clientIp, timeout, pollNameServerInterval,
                heartbeatInterval, persistOffsetInterval);
    }

    /** A copy with another route refresh period. */
    public ClientSettings withPollNameServerInterval(Duration interval) {
        return new ClientSettings(namesrvAddr, instanceName, clientIp, requestTimeout, interval,
                heartbeatInterval, persistOffsetInterval);
    }

    /** A copy with another heartbeat period. */
    public ClientSettings withHeartbeatInterval(Duration interval) {
        return new ClientSettings(namesrvAddr, instanceName, clientIp, requestTimeout, pollNameServerInterval,
                interval, persistOffsetInterval);
    }

    /** A copy with another offset persistence period. */
    public ClientSettings withPersistOffsetInterval(Duration interval) {
        return new ClientSettings(namesrvAddr, instanceName, clientIp, requestTimeout, pollNameServerInterval,
                heartbeatInterval, interval);
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
