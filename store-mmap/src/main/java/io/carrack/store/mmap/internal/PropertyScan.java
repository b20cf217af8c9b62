package io.carrack.store.mmap.internal;

import io.carrack.common.message.MessageConst;
import java.nio.charset.StandardCharsets;

/**
 * One pass over the encoded properties of a record for the values the dispatch thread needs (KEYS,
 * UNIQ_KEY, TAGS, DELAY), without building Strings: the bytes are copied once into a reusable array and
 * the values are kept as ranges of it. Follows {@code MessageProperties.decode}: a segment without a name
 * or a value does not count and the last occurrence of a name wins. The separators are ASCII control
 * bytes, which never occur inside a multi-byte UTF-8 sequence, so splitting bytes splits the text.
 *
 * <p>Thread safety: not thread-safe; one per thread.
 */
final class PropertyScan {
    private static final byte PROPERTY_SEPARATOR = (byte) MessageConst.PROPERTY_SEPARATOR;
    private static final byte NAME_VALUE_SEPARATOR = (byte) MessageConst.NAME_VALUE_SEPARATOR;
    private static final byte[] KEYS = ascii(MessageConst.KEYS);
    private static final byte[] UNIQ_KEY = ascii(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    private static final byte[] TAGS = ascii(MessageConst.TAGS);
    private static final byte[] DELAY = ascii(MessageConst.DELAY_TIME_LEVEL);

    private byte[] bytes = new byte[512];
    private long keys;
    private long uniqueKey;
    private long tags;
    private long delay;

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** Scans {@code length} properties bytes at {@code position} of a held file. */
    PropertyScan scan(MappedFile f, int position, int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        f.get(position, bytes, 0, length);
        return scan(length);
    }

    /** Scans {@code text} (tests and callers without a file). */
    PropertyScan scan(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        bytes = b.length == 0 ? new byte[1] : b;
        return scan(b.length);
    }

    private PropertyScan scan(int length) {
        keys = -1;
        uniqueKey = -1;
        tags = -1;
        delay = -1;
        byte[] b = bytes;
        int seg = 0;
        while (seg < length) {
            int sep = -1;
            int end = seg;
            while (end < length && b[end] != PROPERTY_SEPARATOR) {
                if (sep < 0 && b[end] == NAME_VALUE_SEPARATOR) {
                    sep = end;
                }
                end++;
            }
            if (sep > seg && sep < end - 1) {
                long range = ((long) (sep + 1) << 32) | end;
                int nameLength = sep - seg;
                if (is(b, seg, nameLength, KEYS)) {
                    keys = range;
                } else if (is(b, seg, nameLength, UNIQ_KEY)) {
                    uniqueKey = range;
                } else if (is(b, seg, nameLength, TAGS)) {
                    tags = range;
                } else if (is(b, seg, nameLength, DELAY)) {
                    delay = range;
                }
            }
            seg = end + 1;
        }
        return this;
    }

    private static boolean is(byte[] b, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The scanned bytes; ranges index into them. */
    byte[] bytes() {
        return bytes;
    }

    /** KEYS as {@code start << 32 | end}, or -1. */
    long keys() {
        return keys;
    }

    /** UNIQ_KEY as {@code start << 32 | end}, or -1. */
    long uniqueKey() {
        return uniqueKey;
    }

    /** The TAGS value, or null (builds a String: for the rare callers). */
    String tags() {
        return text(tags);
    }

    /** The DELAY value, or null. */
    String delayLevel() {
        return text(delay);
    }

    /** {@code TAGS.hashCode()} as RocketMQ's tags code, 0 without tags, computed over the bytes. */
    long tagsHash() {
        if (tags < 0) {
            return 0;
        }
        int start = start(tags);
        int end = end(tags);
        int h = 0;
        for (int i = start; i < end; i++) {
            byte c = bytes[i];
            if (c < 0) {
                return text(tags).hashCode();
            }
            h = 31 * h + c;
        }
        return h;
    }

    /**
     * {@link IndexDescriptor#keyHash} of {@code topic} and the key in {@code [start, end)}: computed over
     * the bytes when they are ASCII (then bytes and chars agree), else over the decoded text.
     */
    int keyHash(String topic, int start, int end) {
        int h = topic.hashCode();
        h = 31 * h + '#';
        for (int i = start; i < end; i++) {
            byte c = bytes[i];
            if (c < 0) {
                return IndexDescriptor.keyHash(topic, new String(bytes, start, end - start, StandardCharsets.UTF_8));
            }
            h = 31 * h + c;
        }
        return h & 0x7FFFFFFF;
    }

    static int start(long range) {
        return (int) (range >>> 32);
    }

    static int end(long range) {
        return (int) range;
    }

    private String text(long range) {
        return range < 0 ? null : new String(bytes, start(range), end(range) - start(range), StandardCharsets.UTF_8);
    }
}
