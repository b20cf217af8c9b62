package io.carrack.store.mmap.internal;

import io.carrack.common.message.MessageConst;
import java.nio.charset.StandardCharsets;

/**
 * Finds property values in the encoded properties bytes of a record inside a held {@link MappedFile},
 * without building Strings: the dispatch thread indexes KEYS and UNIQ_KEY of every message this way.
 *
 * <p>Thread safety: stateless.
 */
final class PropertyBytes {
    static final byte[] KEYS = prefix(MessageConst.KEYS);
    static final byte[] UNIQ_KEY = prefix(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    private static final byte PROPERTY_SEPARATOR = (byte) MessageConst.PROPERTY_SEPARATOR;

    private PropertyBytes() {
    }

    private static byte[] prefix(String name) {
        return (name + MessageConst.NAME_VALUE_SEPARATOR).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value range of the property whose {@code name + \u0001} is {@code prefix}, in {@code [from, to)}.
     *
     * @return {@code start << 32 | end}, or -1 if absent or empty
     */
    static long find(MappedFile f, int from, int to, byte[] prefix) {
        int seg = from;
        while (seg < to) {
            int end = seg;
            while (end < to && f.get(end) != PROPERTY_SEPARATOR) {
                end++;
            }
            if (end - seg > prefix.length && startsWith(f, seg, prefix)) {
                return ((long) (seg + prefix.length) << 32) | end;
            }
            seg = end + 1;
        }
        return -1;
    }

    private static boolean startsWith(MappedFile f, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (f.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link IndexDescriptor#keyHash} of {@code topic} and the key in {@code [start, end)}: computed over
     * the bytes when they are ASCII (then bytes and chars agree), else over the decoded text.
     */
    static int keyHash(String topic, MappedFile f, int start, int end) {
        int h = topic.hashCode();
        h = 31 * h + '#';
        for (int i = start; i < end; i++) {
            byte b = f.get(i);
            if (b < 0) {
                byte[] raw = new byte[end - start];
                f.get(start, raw, 0, raw.length);
                return IndexDescriptor.keyHash(topic, new String(raw, StandardCharsets.UTF_8));
            }
            h = 31 * h + b;
        }
        return h & 0x7FFFFFFF;
    }
}
