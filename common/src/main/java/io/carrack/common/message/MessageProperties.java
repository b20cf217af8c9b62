package io.carrack.common.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties text of a message: {@code name\u0001value} pairs joined by {@code \u0002}
 * (PROTOCOL.md section 10.5).
 */
public final class MessageProperties {
    private MessageProperties() {
    }

    /** Encodes properties; entries with a null value are skipped. */
    public static String encode(Map<String, String> properties) {
        if (properties == null || properties.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(properties.size() * 24);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(MessageConst.PROPERTY_SEPARATOR);
            }
            sb.append(e.getKey()).append(MessageConst.NAME_VALUE_SEPARATOR).append(e.getValue());
        }
        return sb.toString();
    }

    /**
     * Decodes properties text. As the RocketMQ decoder does, segments without a name or a value
     * are dropped.
     */
    public static Map<String, String> decode(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        int start = 0;
        int len = text.length();
        while (start < len) {
            int end = text.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            int sep = text.indexOf(MessageConst.NAME_VALUE_SEPARATOR, start);
            if (sep > start && sep < end - 1) {
                map.put(text.substring(start, sep), text.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }
    /**
     * The value of one property in properties text, or null, without decoding the others. Follows
     * {@link #decode} (segments without a name or value do not count; the last occurrence wins).
     */
    public static String find(String text, String name) {
        if (text == null || text.isEmpty() || name == null || name.isEmpty()) {
            return null;
        }
        String found = null;
        int from = 0;
        int len = text.length();
        while (from < len) {
            int at = text.indexOf(name, from);
            if (at < 0) {
                break;
            }
            int sep = at + name.length();
            boolean startsSegment = at == 0 || text.charAt(at - 1) == MessageConst.PROPERTY_SEPARATOR;
            if (startsSegment && sep < len && text.charAt(sep) == MessageConst.NAME_VALUE_SEPARATOR
                    && name.indexOf(MessageConst.NAME_VALUE_SEPARATOR) < 0) {
                int end = text.indexOf(MessageConst.PROPERTY_SEPARATOR, sep);
                if (end < 0) {
                    end = len;
                }
                if (end > sep + 1) {
                    found = text.substring(sep + 1, end);
                }
                from = end;
            } else {
                from = at + 1;
            }
        }
        return found;
    }

    /**
     * Joins two properties texts as the broker does for a batch entry: the first, a separator if both
     * are non-empty, then the second.
     */
    public static String concat(String first, String second) {
        if (first == null || first.isEmpty()) {
            return second == null ? "" : second;
        }
        if (second == null || second.isEmpty()) {
            return first;
        }
        return first + MessageConst.PROPERTY_SEPARATOR + second;
    }
}
