package io.carrack.broker.internal.filtersrv;

import io.carrack.remoting.RemoteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The filter servers registered with this broker: address, connection and the time of their last
 * REGISTER_FILTER_SERVER. A filter server silent for longer than the expiry is dropped.
 *
 * <p>Thread safety: all methods are synchronized on this table.
 */
final class FilterServerTable {
    private record Entry(RemoteChannel channel, long lastUpdateMillis) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Records a registration; true if the address is new. */
    synchronized boolean register(String addr, RemoteChannel channel, long nowMillis) {
        return entries.put(addr, new Entry(channel, nowMillis)) == null;
    }

    /** The registered addresses, sorted. */
    synchronized List<String> addresses() {
        return new ArrayList<>(entries.keySet());
    }

    synchronized int size() {
        return entries.size();
    }

    /**
     * Drops filter servers not heard from within {@code timeoutMillis} or whose connection closed.
     *
     * @return the dropped addresses
     */
    synchronized List<String> expire(long nowMillis, long timeoutMillis) {
        List<String> dropped = new ArrayList<>();
        entries.entrySet().removeIf(e -> {
            Entry v = e.getValue();
            boolean gone = nowMillis - v.lastUpdateMillis() > timeoutMillis
                    || (v.channel() != null && !v.channel().isActive());
            if (gone) {
                dropped.add(e.getKey());
            }
            return gone;
        });
        return dropped;
    }
}
