package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.StoreException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * When scheduled retention runs: in the {@code deleteWhen} hours of the store clock (local time).
 *
 * <p>Thread safety: immutable.
 */
final class Retention {
    private final Set<Integer> hours;
    private final InstantSource clock;

    Retention(String deleteWhen, InstantSource clock) {
        this.hours = parseHours(deleteWhen);
        this.clock = clock;
    }

    boolean isTimeToDelete() {
        int hour = Instant.ofEpochMilli(clock.millis()).atZone(ZoneId.systemDefault()).getHour();
        return hours.contains(hour);
    }

    static Set<Integer> parseHours(String deleteWhen) {
        Set<Integer> hours = new HashSet<>();
        if (deleteWhen == null) {
            return hours;
        }
        for (String part : deleteWhen.split(";")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    hours.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new StoreException("deleteWhen must be hours separated by ';': '" + deleteWhen + "'", e);
                }
            }
        }
        return Set.copyOf(hours);
    }
}
