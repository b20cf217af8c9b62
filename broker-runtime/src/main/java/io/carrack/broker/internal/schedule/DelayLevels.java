package io.carrack.broker.internal.schedule;

import java.util.Arrays;

/**
 * The delay of each delay level, parsed from {@code messageDelayLevel} ("1s 5s 10s 30s 1m ... 2h";
 * units s, m, h, d). Level 1 is the first entry.
 *
 * <p>Thread safety: immutable.
 */
public final class DelayLevels {
    private final long[] delayMillis;

    private DelayLevels(long[] delayMillis) {
        this.delayMillis = delayMillis;
    }

    /**
     * Parses a level table.
     *
     * @throws IllegalArgumentException naming the entry that is not a number followed by s, m, h or d
     */
    public static DelayLevels parse(String text) {
        String[] parts = text.trim().split("\\s+");
        long[] millis = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.length() < 2) {
                throw new IllegalArgumentException("delay level '" + p + "' is not a number followed by s, m, h or d");
            }
            long unit = switch (p.charAt(p.length() - 1)) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw new IllegalArgumentException("delay level '" + p
                        + "' has no unit; use s, m, h or d");
            };
            try {
                long n = Long.parseLong(p.substring(0, p.length() - 1));
                if (n < 0) {
                    throw new NumberFormatException();
                }
                millis[i] = n * unit;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("delay level '" + p + "' is not a number followed by s, m, h or d");
            }
        }
        return new DelayLevels(millis);
    }

    /** The highest level. */
    public int maxLevel() {
        return delayMillis.length;
    }

    /** The delay of a level from 1 to {@link #maxLevel()}, ms. */
    public long delayMillis(int level) {
        return delayMillis[level - 1];
    }

    /** A level clamped to {@code 1..maxLevel}. */
    public int clamp(int level) {
        return Math.max(1, Math.min(level, delayMillis.length));
    }

    @Override
    public String toString() {
        return "DelayLevels" + Arrays.toString(delayMillis);
    }
}
