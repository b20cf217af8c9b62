package io.carrack.store.mmap.internal;

/**
 * Recomputes a consume-queue tags code from a stored record, as RocketMQ's dispatch does: the hash of
 * TAGS, or for the schedule topic the delivery time (store time + the delay of the DELAY level).
 * Used after a restart, when the broker's own value is no longer at hand.
 *
 * <p>Thread safety: immutable.
 */
final class TagsCodes {
    static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";

    private final long[] delayLevelMillis;

    TagsCodes(long[] delayLevelMillis) {
        this.delayLevelMillis = delayLevelMillis.clone();
    }

    /** The tags code of a record with these scanned properties stored at {@code storeTimestamp}. */
    long compute(String topic, PropertyScan properties, long storeTimestamp) {
        if (SCHEDULE_TOPIC.equals(topic) && delayLevelMillis.length > 0) {
            String level = properties.delayLevel();
            if (level != null) {
                return deliveryTime(level, storeTimestamp);
            }
        }
        return properties.tagsHash();
    }

    private long deliveryTime(String level, long storeTimestamp) {
        try {
            int l = Math.min(Math.max(Integer.parseInt(level.trim()), 1), delayLevelMillis.length);
            return storeTimestamp + delayLevelMillis[l - 1];
        } catch (NumberFormatException e) {
            return storeTimestamp;
        }
    }

    /** Parses RocketMQ's {@code messageDelayLevel} text, e.g. {@code "1s 5s 10s 30s 1m 2h 1d"}. */
    static long[] parseLevels(String text) {
        if (text == null || text.isBlank()) {
            return new long[0];
        }
        String[] parts = text.trim().split("\\s+");
        long[] millis = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            char unit = p.charAt(p.length() - 1);
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            millis[i] = switch (unit) {
                case 's' -> n * 1000L;
                case 'm' -> n * 60_000L;
                case 'h' -> n * 3_600_000L;
                case 'd' -> n * 86_400_000L;
                default -> throw new IllegalArgumentException("bad delay level '" + p + "' in messageDelayLevel");
            };
        }
        return millis;
    }
}
