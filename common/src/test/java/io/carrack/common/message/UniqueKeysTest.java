package io.carrack.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UniqueKeysTest {
    static final byte[] IP4 = {10, 0, 0, 1};

    static InstantSource clockAt(AtomicLong millis) {
        return () -> Instant.ofEpochMilli(millis.get());
    }

    @Test
    void layoutIsIpPidLoaderHashMonthMillisAndCounterInUppercaseHex() {
        Instant t = Instant.parse("2024-03-05T01:02:03.004Z");
        UniqueKeys keys = new UniqueKeys(IP4, 0x12345, 0x0BADCAFE, InstantSource.fixed(t), ZoneOffset.UTC);
        assertEquals("0A00000123450BADCAFE", keys.prefix());
        assertEquals("0A00000123450BADCAFE" + "14D23EFC" + "0000", keys.next());
        assertEquals("0A00000123450BADCAFE" + "14D23EFC" + "0001", keys.next());
    }

    @Test
    void monthStartFollowsTheZone() {
        Instant t = Instant.parse("2024-03-05T01:02:03.004Z");
        UniqueKeys keys = new UniqueKeys(IP4, 1, 0, InstantSource.fixed(t), ZoneId.of("Asia/Shanghai"));
        String id = keys.next();
        assertEquals("1689B2FC", id.substring(20, 28)); // 4 days 09:02:03.004 after March 1 local
    }

    @Test
    void ipv6IdsHave56Characters() {
        byte[] ip6 = new byte[16];
        ip6[0] = 0x20;
        ip6[1] = 0x01;
        ip6[15] = 7;
        UniqueKeys keys = new UniqueKeys(ip6, 77, -1, InstantSource.fixed(Instant.parse("2024-03-01T00:00:00Z")),
                ZoneOffset.UTC);
        String id = keys.next();
        assertEquals(UniqueKeys.IPV6_ID_LENGTH, id.length());
        assertEquals("20010000000000000000000000000007" + "004D" + "FFFFFFFF" + "00000000" + "0000", id);
        assertArrayEquals(ip6, UniqueKeys.ipOf(id));
        assertEquals(77, UniqueKeys.pidOf(id));
    }

    @Test
    void counterWrapsAtSixteenBits() {
        UniqueKeys keys = new UniqueKeys(IP4, 1, 0, InstantSource.fixed(Instant.EPOCH), ZoneOffset.UTC);
        String first = keys.next();
        for (int i = 1; i < 65536; i++) {
            keys.next();
        }
        assertEquals(first, keys.next());
    }

    @Test
    void rollsOverIntoTheNextMonth() {
        AtomicLong now = new AtomicLong(Instant.parse("2024-03-31T23:59:59.999Z").toEpochMilli());
        UniqueKeys keys = new UniqueKeys(IP4, 1, 0, clockAt(now), ZoneOffset.UTC);
        assertEquals("9FA523FF", keys.next().substring(20, 28));
        now.set(Instant.parse("2024-04-01T00:00:00.005Z").toEpochMilli());
        assertEquals("00000005", keys.next().substring(20, 28));
        now.set(Instant.parse("2024-03-31T23:59:59.999Z").toEpochMilli()); // clock stepped back
        assertEquals("9FA523FF", keys.next().substring(20, 28));
    }

    @Test
    void nearlyTimeRecoversTheCreationTime() {
        Instant created = Instant.parse("2024-03-05T01:02:03.004Z");
        String id = new UniqueKeys(IP4, 1, 0, InstantSource.fixed(created), ZoneOffset.UTC).next();
        assertEquals(created, UniqueKeys.nearlyTime(id, Instant.parse("2024-03-20T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(created, UniqueKeys.nearlyTime(id, created, ZoneOffset.UTC), "read in the same millisecond");
        assertEquals(Instant.parse("2024-02-05T01:02:03.004Z"),
                UniqueKeys.nearlyTime(id, Instant.parse("2024-03-05T01:02:03.003Z"), ZoneOffset.UTC));
        // read in the next month, before the same offset: the previous month is meant
        assertEquals(created, UniqueKeys.nearlyTime(id, Instant.parse("2024-04-01T00:00:00.001Z"), ZoneOffset.UTC));
    }

    @Test
    void nearlyTimeWorksForIpv6AndLowerCase() {
        Instant created = Instant.parse("2024-01-31T22:00:00Z");
        byte[] ip6 = new byte[16];
        String id = new UniqueKeys(ip6, 1, 0, InstantSource.fixed(created), ZoneOffset.UTC).next();
        assertEquals(created, UniqueKeys.nearlyTime(id.toLowerCase(), Instant.parse("2024-02-02T00:00:00Z"),
                ZoneOffset.UTC));
    }

    @Test
    void rejectsMalformedIds() {
        assertFalse(UniqueKeys.isUniqueKey(null));
        assertFalse(UniqueKeys.isUniqueKey("ABC"));
        assertFalse(UniqueKeys.isUniqueKey("G".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> UniqueKeys.nearlyTime("XYZ"));
        assertThrows(IllegalArgumentException.class, () -> new UniqueKeys(new byte[5], 1, 0,
                InstantSource.system(), ZoneOffset.UTC));
    }

    @Test
    void defaultGeneratorMakesWellFormedDistinctIds() {
        UniqueKeys g = UniqueKeys.defaultGenerator();
        String a = UniqueKeys.create();
        String b = g.next();
        assertTrue(UniqueKeys.isUniqueKey(a), a);
        assertTrue(a.startsWith(g.prefix()) && b.startsWith(g.prefix()));
        assertFalse(a.equals(b));
        assertEquals(a.toUpperCase(), a);
        assertEquals(ProcessHandle.current().pid() & 0xFFFF, UniqueKeys.pidOf(a));
        Instant t = UniqueKeys.nearlyTime(a);
        assertTrue(Math.abs(t.toEpochMilli() - System.currentTimeMillis()) < TimeUnit.MINUTES.toMillis(10), t::toString);
    }

    @Test
    void concurrentCallersGetDistinctIds() throws Exception {
        UniqueKeys keys = new UniqueKeys(IP4, 1, 0, InstantSource.fixed(Instant.EPOCH), ZoneOffset.UTC);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        seen.add(keys.next());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, seen.size());
    }
}
