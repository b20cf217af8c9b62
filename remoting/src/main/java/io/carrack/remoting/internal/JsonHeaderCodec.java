package io.carrack.remoting.internal;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONReader;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON header (serialize type 0, PROTOCOL.md section 2.3), written by hand in the key order the
 * 4.9.7 client writes (alphabetical, nulls omitted, control characters escaped as backslash-u00XX) and
 * read with fastjson2's streaming reader, so no reflection runs per command.
 *
 * <p>Thread safety: stateless.
 */
final class JsonHeaderCodec {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonHeaderCodec() {
    }

    /** Appends the JSON header of {@code cmd} to {@code sb}. */
    static void write(RemotingCommand cmd, StringBuilder sb) {
        sb.append("{\"code\":").append(cmd.code());
        if (cmd.hasExtFields()) {
            sb.append(",\"extFields\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : cmd.extFields().entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendString(sb, e.getKey());
                sb.append(':');
                appendString(sb, e.getValue());
            }
            sb.append('}');
        }
        sb.append(",\"flag\":").append(cmd.flag());
        if (cmd.language() != null) {
            sb.append(",\"language\":\"").append(cmd.language().name()).append('"');
        }
        sb.append(",\"opaque\":").append(cmd.opaque());
        if (cmd.remark() != null) {
            sb.append(",\"remark\":");
            appendString(sb, cmd.remark());
        }
        sb.append(",\"serializeTypeCurrentRPC\":\"").append(cmd.serializeType().name()).append('"');
        sb.append(",\"version\":").append(cmd.version()).append('}');
    }

    /** The JSON header of {@code cmd} as text. */
    static String toText(RemotingCommand cmd) {
        StringBuilder sb = new StringBuilder(128);
        write(cmd, sb);
        return sb.toString();
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /**
     * Reads a JSON header into {@code cmd}. Accepts any key order, missing optional keys, the language
     * as name or ordinal, and non-string {@code extFields} values; unknown keys are skipped.
     *
     * @throws FrameFormatException if the bytes are not a JSON object of the expected shape
     */
    static void read(byte[] bytes, int offset, int length, RemotingCommand cmd) {
        cmd.version(0);
        try (JSONReader reader = JSONReader.of(bytes, offset, length, StandardCharsets.UTF_8)) {
            if (!reader.nextIfObjectStart()) {
                throw new FrameFormatException("JSON header is not an object");
            }
            boolean sawCode = false;
            while (!reader.nextIfObjectEnd()) {
                if (reader.isEnd()) {
                    throw new FrameFormatException("JSON header is truncated");
                }
                String name = reader.readFieldName();
                if (name == null) {
                    throw new FrameFormatException("JSON header has a malformed key");
                }
                switch (name) {
                    case "code" -> {
                        cmd.code(readInt(reader, name));
                        sawCode = true;
                    }
                    case "flag" -> cmd.flag(readInt(reader, name));
                    case "opaque" -> cmd.opaque(readInt(reader, name));
                    case "version" -> cmd.version(readInt(reader, name));
                    case "language" -> cmd.language(readLanguage(reader));
                    case "remark" -> cmd.remark(reader.nextIfNull() ? null : readText(reader));
                    case "extFields" -> cmd.extFields(readFields(reader));
                    default -> reader.skipValue();
                }
            }
            if (!sawCode) {
                throw new FrameFormatException("JSON header has no code");
            }
        } catch (JSONException | NumberFormatException | ArithmeticException e) {
            throw new FrameFormatException("invalid JSON header: " + e.getMessage(), e);
        }
    }

    private static int readInt(JSONReader reader, String name) {
        if (reader.isNumber()) {
            return reader.readInt32Value();
        }
        if (reader.isString()) {
            String s = reader.readString();
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new FrameFormatException("JSON header key " + name + " is not an int: " + s);
            }
        }
        throw new FrameFormatException("JSON header key " + name + " is not a number");
    }

    private static LanguageCode readLanguage(JSONReader reader) {
        if (reader.nextIfNull()) {
            return LanguageCode.JAVA;
        }
        if (reader.isNumber()) {
            int ordinal = reader.readInt32Value();
            LanguageCode[] all = LanguageCode.values();
            return ordinal >= 0 && ordinal < all.length ? all[ordinal] : LanguageCode.OTHER;
        }
        String s = readText(reader);
        try {
            return LanguageCode.valueOf(s);
        } catch (IllegalArgumentException e) {
            return LanguageCode.OTHER;
        }
    }

    private static String readText(JSONReader reader) {
        if (reader.isString()) {
            return reader.readString();
        }
        Object any = reader.readAny();
        return any == null ? null : String.valueOf(any);
    }

    private static Map<String, String> readFields(JSONReader reader) {
        if (reader.nextIfNull()) {
            return null;
        }
        if (!reader.nextIfObjectStart()) {
            throw new FrameFormatException("JSON header extFields is not an object");
        }
        Map<String, String> fields = new HashMap<>();
        while (!reader.nextIfObjectEnd()) {
            if (reader.isEnd()) {
                throw new FrameFormatException("JSON header extFields is truncated");
            }
            String key = reader.readFieldName();
            if (key == null) {
                throw new FrameFormatException("JSON header extFields has a malformed key");
            }
            if (reader.nextIfNull()) {
                continue;
            }
            fields.put(key, readText(reader));
        }
        return fields;
    }
}
