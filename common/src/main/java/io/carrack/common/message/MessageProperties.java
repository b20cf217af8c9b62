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
}
