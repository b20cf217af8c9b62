package io.carrack.store.mmap.internal;

import io.carrack.common.message.MessageConst;

/**
 * Finds one property in encoded properties text ({@code name\u0001value} pairs joined by
 * {@code \u0002}) without decoding the rest.
 *
 * <p>Thread safety: stateless.
 */
final class PropertyText {
    private PropertyText() {
    }

    /** The value of {@code name}, or null. */
    static String value(String text, String name) {
        int len = text.length();
        int start = 0;
        while (start < len) {
            int end = text.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            int nameEnd = start + name.length();
            if (nameEnd < end && text.charAt(nameEnd) == MessageConst.NAME_VALUE_SEPARATOR
                    && text.startsWith(name, start)) {
                return nameEnd + 1 < end ? text.substring(nameEnd + 1, end) : null;
            }
            start = end + 1;
        }
        return null;
    }
}
