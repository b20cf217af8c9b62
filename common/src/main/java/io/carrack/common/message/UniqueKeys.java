package io.carrack.common.message;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates the client-side unique message id, property {@code UNIQ_KEY} (PROTOCOL.md section 11.2):
 * uppercase hex of client IP (4 or 16 bytes), process id (2), class-loader hash (4), milliseconds since
 * the start of the current month in local time (4) and a counter (2). 32 characters with an IPv4
 * address, 56 with IPv6; the first 20 (or 44) are fixed per generator.
 *
 * <p>Thread safety: thread-safe.
 */
public final class UniqueKeys {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Length of an id with an IPv4 address, in hex characters. */
    public static final int IPV4_ID_LENGTH = 32;
    /** Length of an id with an IPv6 address, in hex characters. */
    public static final int IPV6_ID_LENGTH = 56;

    private static volatile UniqueKeys defaultInstance;

    private final String prefix;
    private final int ipLength;
    private final InstantSource clock;
    private final ZoneId zone;
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Month month;

    /** The current month's start and the next month's start, in epoch ms. */
    private record Month(long start, long next) {
    }

    /**
     * A generator with explicit parts, for tests and embedders.
     *
     * @param ip              4 or 16 address bytes
     * @param pid             process id (its low 16 bits are used)
     * @param classLoaderHash class-loader hash code
     * @param clock           the time source
     * @param zone            the zone that defines "start of the month"
     */
    public UniqueKeys(byte[] ip, long pid, int classLoaderHash, InstantSource clock, ZoneId zone) {
        if (ip == null || (ip.length != 4 && ip.length != 16)) {
            throw new IllegalArgumentException("ip must have 4 or 16 bytes");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.ipLength = ip.length;
        ByteBuffer fixed = ByteBuffer.allocate(ip.length + 2 + 4);
        fixed.put(ip).putShort((short) pid).putInt(classLoaderHash);
        this.prefix = HEX.formatHex(fixed.array());
        this.month = monthOf(clock.millis());
    }

    /**
     * The process-wide generator: this host's address (a public IPv4 address if any, else a private
     * one, else a global IPv6 one, else 4 bytes of the clock as RocketMQ does), the process id, this
     * class's class-loader hash, the system clock and the default zone.
     */
    public static UniqueKeys defaultGenerator() {
        UniqueKeys g = defaultInstance;
        if (g == null) {
            synchronized (UniqueKeys.class) {
                g = defaultInstance;
                if (g == null) {
                    ClassLoader loader = UniqueKeys.class.getClassLoader();
                    g = new UniqueKeys(localAddress(), ProcessHandle.current().pid(),
                            loader == null ? 0 : loader.hashCode(), InstantSource.system(), ZoneId.systemDefault());
                    defaultInstance = g;
                }
            }
        }
        return g;
    }

    /** A new id from {@link #defaultGenerator()}. */
    public static String create() {
        return defaultGenerator().next();
    }

    /** The fixed part of every id this generator makes (IP, pid, class-loader hash). */
    public String prefix() {
        return prefix;
    }

    /** A new id. */
    public String next() {
        long now = clock.millis();
        Month m = month;
        if (now >= m.next || now < m.start) {
            m = monthOf(now);
            month = m;
        }
        int sinceMonthStart = (int) (now - m.start);
        ByteBuffer tail = ByteBuffer.allocate(6);
        tail.putInt(sinceMonthStart).putShort((short) counter.getAndIncrement());
        return prefix + HEX.formatHex(tail.array());
    }

    /**
     * The approximate creation time of an id: the time field read in the month of {@code now}, or in
     * the month before when that would lie after {@code now} (RocketMQ's {@code getNearlyTimeFromID}).
     *
     * @throws IllegalArgumentException if the text is not a unique id
     */
    public static Instant nearlyTime(String id, Instant now, ZoneId zone) {
        byte[] bytes = parse(id);
        int ipLength = bytes.length == IPV6_ID_LENGTH / 2 ? 16 : 4;
        long span = ByteBuffer.wrap(bytes).getInt(ipLength + 2 + 4) & 0xFFFFFFFFL;
        ZonedDateTime monthStart = startOfMonth(now.toEpochMilli(), zone);
        // RocketMQ uses >= here, which misreads an id made in the very millisecond of now
        if (monthStart.toInstant().toEpochMilli() + span > now.toEpochMilli()) {
            monthStart = monthStart.minusMonths(1);
        }
        return Instant.ofEpochMilli(monthStart.toInstant().toEpochMilli() + span);
    }

    /** {@link #nearlyTime(String, Instant, ZoneId)} for now in the default zone. */
    public static Instant nearlyTime(String id) {
        return nearlyTime(id, Instant.now(), ZoneId.systemDefault());
    }

    /** The client address bytes (4 or 16) of an id. */
    public static byte[] ipOf(String id) {
        byte[] bytes = parse(id);
        byte[] ip = new byte[bytes.length == IPV6_ID_LENGTH / 2 ? 16 : 4];
        System.arraycopy(bytes, 0, ip, 0, ip.length);
        return ip;
    }

    /** The process id field (low 16 bits of the pid) of an id. */
    public static int pidOf(String id) {
        byte[] bytes = parse(id);
        return ByteBuffer.wrap(bytes).getShort(bytes.length - 2 - 4 - 4 - 2) & 0xFFFF;
    }

    /** Whether the text has the shape of a unique id (32 or 56 hex characters). */
    public static boolean isUniqueKey(String id) {
        if (id == null || (id.length() != IPV4_ID_LENGTH && id.length() != IPV6_ID_LENGTH)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    int ipLength() {
        return ipLength;
    }

    private static byte[] parse(String id) {
        if (!isUniqueKey(id)) {
            throw new IllegalArgumentException("not a unique message id: " + id);
        }
        return HEX.parseHex(id);
    }

    private Month monthOf(long millis) {
        ZonedDateTime start = startOfMonth(millis, zone);
        return new Month(start.toInstant().toEpochMilli(), start.plusMonths(1).toInstant().toEpochMilli());
    }

    private static ZonedDateTime startOfMonth(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    }

    /** This host's address as RocketMQ's client picks it, or 4 clock bytes if there is none. */
    static byte[] localAddress() {
        byte[] privateV4 = null;
        byte[] globalV6 = null;
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress()
                            || a.isMulticastAddress()) {
                        continue;
                    }
                    if (a instanceof Inet4Address) {
                        if (!a.isSiteLocalAddress()) {
                            return a.getAddress();
                        }
                        if (privateV4 == null) {
                            privateV4 = a.getAddress();
                        }
                    } else if (a instanceof Inet6Address && !a.isSiteLocalAddress() && globalV6 == null
                            && (a.getAddress()[0] & 0xFE) != 0xFC) {
                        globalV6 = a.getAddress();
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // fall through to the fake address
        }
        if (privateV4 != null) {
            return privateV4;
        }
        if (globalV6 != null) {
            return globalV6;
        }
        ByteBuffer clockBytes = ByteBuffer.allocate(8).putLong(System.currentTimeMillis());
        byte[] fake = new byte[4];
        clockBytes.get(4, fake);
        return fake;
    }
}
