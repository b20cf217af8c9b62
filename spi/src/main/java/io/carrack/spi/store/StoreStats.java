package io.carrack.spi.store;

/**
 * Store-level statistics.
 *
 * @param minPhysicalOffset  first physical offset still stored
 * @param maxPhysicalOffset  physical offset one past the last byte written
 * @param putMessages        messages put since start
 * @param putBytes           bytes put since start
 * @param getMessages        messages returned by gets since start
 * @param diskUsedRatio      fraction of the store's disk in use, 0..1
 * @param earliestStoreTime  store time of the oldest message still stored, or 0
 */
public record StoreStats(long minPhysicalOffset, long maxPhysicalOffset, long putMessages, long putBytes,
                         long getMessages, double diskUsedRatio, long earliestStoreTime) {
}
