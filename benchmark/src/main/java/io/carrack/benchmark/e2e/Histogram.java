package io.carrack.benchmark.e2e;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A concurrent log-linear histogram of non-negative longs (microseconds here): values below 128 are
 * counted exactly, each power-of-two range above is split into 64 buckets, so a reported percentile
 * is within about 1.6 % of the true value. Recording is one atomic increment and allocates nothing.
 *
 * <p>Thread safety: {@link #record} may be called from any thread; {@link #drainInto} moves counts
 * atomically bucket by bucket, so no recorded value is lost or counted twice.
 */
final class Histogram {
    private static final int EXACT = 128;
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = EXACT + (MAX_EXPONENT - 7 + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long value) {
        counts.incrementAndGet(index(value));
    }

    /** Moves every count of this histogram into {@code target} (a plain, single-owner snapshot). */
    void drainInto(Snapshot target) {
        for (int i = 0; i < BUCKETS; i++) {
            long c = counts.get(i);
            if (c != 0) {
                c = counts.getAndAdd(i, -c);
                target.counts[i] += c;
                target.total += c;
            }
        }
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) Math.max(0, value);
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int shift = exponent - SUB_BITS;
        return EXACT + (exponent - 7) * SUB + (int) ((value >>> shift) - SUB);
    }

    /** The middle of bucket {@code index}. */
    static long valueAt(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = (index - EXACT) / SUB + 7;
        int sub = (index - EXACT) % SUB;
        long width = 1L << (exponent - SUB_BITS);
        return ((long) (SUB + sub) << (exponent - SUB_BITS)) + width / 2;
    }

    /** Counts owned by one thread: an interval's or a run's. */
    static final class Snapshot {
        private final long[] counts = new long[BUCKETS];
        private long total;

        long count() {
            return total;
        }

        void add(Snapshot other) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
        }

        void clear() {
            java.util.Arrays.fill(counts, 0);
            total = 0;
        }

        /** The value at quantile {@code q} (0..1), or 0 when empty. */
        long quantile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return valueAt(i);
                }
            }
            return valueAt(BUCKETS - 1);
        }

        long max() {
            for (int i = BUCKETS - 1; i >= 0; i--) {
                if (counts[i] != 0) {
                    return valueAt(i);
                }
            }
            return 0;
        }

        double mean() {
            if (total == 0) {
                return 0;
            }
            double sum = 0;
            for (int i = 0; i < BUCKETS; i++) {
                sum += (double) counts[i] * valueAt(i);
            }
            return sum / total;
        }
    }
}
