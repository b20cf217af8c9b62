package io.carrack.spi.store;

import java.time.InstantSource;

/**
 * What the broker hands a store when opening it.
 *
 * @param config   the store configuration
 * @param clock    the clock for store timestamps and retention; tests control it
 * @param listener told of every message that becomes readable, for long-polling wake-ups
 */
public record StoreContext(StoreConfig config, InstantSource clock, MessageArrivalListener listener) {
    /** A context with the system clock and no listener. */
    public static StoreContext of(StoreConfig config) {
        return new StoreContext(config, InstantSource.system(), MessageArrivalListener.NONE);
    }
}
