package io.carrack.remoting.internal;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONReader;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON header (serialize type 0, PROTOCOL.md section 2.3) read with fastjson2's streaming reader, so
 * no reflection runs per command: the full parser behind {@link JsonHeaderParser}'s fast path. Written by
 * {@link JsonHeaderWriter}.
 *
 * <p>Thread safety: stateless.
 */
final class JsonHeaderCodec {
    private JsonHeaderCodec() {
    }

    /** The JSON header of {@code cmd} as text. */
    static String toText(RemotingCommand cmd) {
        ByteBuf buf = Unpooled.buffer(256);
        try {
            JsonHeaderWriter.write(cmd, buf);
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
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
        Map<String, String> fields = new FieldMap(16);
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
