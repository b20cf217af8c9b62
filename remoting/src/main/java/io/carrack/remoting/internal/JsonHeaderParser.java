package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path for JSON headers: a hand-written parser for the shape every RocketMQ client sends
 * (an object of int, string and string-map members), reading the header bytes once from a reusable array.
 * Field names become the canonical {@link HeaderKeys} instances; short values (topics, groups, queue ids,
 * flags) come from a small per-thread cache of recently seen values instead of new Strings each time;
 * fields go into a {@link FieldMap}. Anything it does not expect (numbers or booleans as field values, a
 * quoted int, nested values under unknown keys, raw control characters, malformed text) makes it give up
 * without touching the command, and {@link JsonHeaderCodec#read} parses the same bytes with fastjson2:
 * the fast path decides nothing about what is valid.
 *
 * <p>Thread safety: one instance per thread ({@link #get()}).
 */
final class JsonHeaderParser {
    private static final FastThreadLocal<JsonHeaderParser> INSTANCE = new FastThreadLocal<>() {
        @Override
        protected JsonHeaderParser initialValue() {
            return new JsonHeaderParser();
        }
    };
    /** Raised to leave the fast path; no stack trace, one shared instance. */
    private static final RuntimeException GIVE_UP = new RuntimeException("not on the fast path", null, false, false) {
        private static final long serialVersionUID = 1L;
    };
    private static final int MAX_CACHED_VALUE = 32;
    private static final int CACHE_SLOTS = 1024;
    private static final int KEEP_SCRATCH = 64 * 1024;
    private static final LanguageCode[] LANGUAGES = LanguageCode.values();
    private static final byte[] CODE = HeaderKeys.ascii("code");
    private static final byte[] FLAG = HeaderKeys.ascii("flag");
    private static final byte[] OPAQUE = HeaderKeys.ascii("opaque");
    private static final byte[] REMARK = HeaderKeys.ascii("remark");
    private static final byte[] VERSION = HeaderKeys.ascii("version");
    private static final byte[] LANGUAGE = HeaderKeys.ascii("language");
    private static final byte[] EXT_FIELDS = HeaderKeys.ascii("extFields");

    private byte[] scratch = new byte[1024];
    private char[] chars = new char[256];
    private final String[] valueCache = new String[CACHE_SLOTS];
    private final byte[][] valueBytes = new byte[CACHE_SLOTS][];
    private byte[] b;
    private int p;
    private int end;
    /** Whether the last {@link #readString} returned a {@link HeaderKeys} instance. */
    private boolean lastWasCanonical;

    static JsonHeaderParser get() {
        return INSTANCE.get();
    }

    /**
     * Reads {@code length} JSON header bytes from {@code in} into {@code cmd}, on the fast path when it
     * can, else with fastjson2.
     *
     * @throws FrameFormatException if the header is invalid
     */
    void read(ByteBuf in, int length, RemotingCommand cmd) {
        byte[] bytes;
        int offset;
        if (in.hasArray()) {
            bytes = in.array();
            offset = in.arrayOffset() + in.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            in.getBytes(in.readerIndex(), scratch, 0, length);
            bytes = scratch;
            offset = 0;
        }
        in.skipBytes(length);
        try {
            if (!parse(bytes, offset, length, cmd)) {
                JsonHeaderCodec.read(bytes, offset, length, cmd);
            }
        } finally {
            b = null;
            if (scratch.length > KEEP_SCRATCH) {
                scratch = new byte[1024];
            }
        }
    }

    /** Parses on the fast path; false (and {@code cmd} untouched) when the header needs the full parser. */
    boolean parse(byte[] bytes, int offset, int length, RemotingCommand cmd) {
        b = bytes;
        p = offset;
        end = offset + length;
        try {
            return parseObject(cmd);
        } catch (RuntimeException e) {
            if (e == GIVE_UP || e instanceof ArrayIndexOutOfBoundsException) {
                return false;
            }
            throw e;
        }
    }

    private boolean parseObject(RemotingCommand cmd) {
        int code = 0;
        boolean sawCode = false;
        int flag = 0;
        int opaque = 0;
        int version = 0;
        LanguageCode language = cmd.language();
        String remark = null;
        FieldMap fields = null;
        ws();
        expect('{');
        ws();
        if (peek() == '}') {
            p++;
        } else {
            for (;;) {
                expect('"');
                int nameStart = p;
                byte[] b = this.b;
                int i = nameStart;
                byte c;
                while ((c = b[i]) != '"') {
                    if (c == '\\' || c < 0x20) {
                        throw GIVE_UP;
                    }
                    i++;
                }
                int nameLength = i - nameStart;
                p = i + 1;
                ws();
                expect(':');
                ws();
                switch (nameLength) {
                    case 4 -> {
                        if (is(nameStart, CODE)) {
                            code = readInt();
                            sawCode = true;
                        } else if (is(nameStart, FLAG)) {
                            flag = readInt();
                        } else {
                            skipSimpleValue();
                        }
                    }
                    case 6 -> {
                        if (is(nameStart, OPAQUE)) {
                            opaque = readInt();
                        } else if (is(nameStart, REMARK)) {
                            remark = nullOrString();
                        } else {
                            skipSimpleValue();
                        }
                    }
                    case 7 -> {
                        if (is(nameStart, VERSION)) {
                            version = readInt();
                        } else {
                            skipSimpleValue();
                        }
                    }
                    case 8 -> {
                        if (is(nameStart, LANGUAGE)) {
                            language = readLanguage();
                        } else {
                            skipSimpleValue();
                        }
                    }
                    case 9 -> {
                        if (is(nameStart, EXT_FIELDS)) {
                            fields = readFields();
                        } else {
                            skipSimpleValue();
                        }
                    }
                    default -> skipSimpleValue();
                }
                ws();
                byte next = b[p++];
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw GIVE_UP;
                }
                ws();
            }
        }
        ws();
        if (p != end || !sawCode) {
            return false;
        }
        cmd.code(code).flag(flag).opaque(opaque).version(version).language(language).remark(remark)
                .extFields(fields);
        return true;
    }

    private boolean is(int at, byte[] name) {
        return HeaderKeys.sameBytes(name, b, at, name.length);
    }

    private FieldMap readFields() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        expect('{');
        FieldMap fields = new FieldMap(16);
        ws();
        if (peek() == '}') {
            p++;
            return fields;
        }
        for (;;) {
            expect('"');
            String key = readString(true);
            boolean keyIsCanonical = lastWasCanonical;
            ws();
            expect(':');
            ws();
            if (peek() == 'n') {
                literal("null");
            } else {
                expect('"');
                String value = readString(false);
                if (keyIsCanonical) {
                    fields.putCanonical(key, value);
                } else {
                    fields.put(key, value);
                }
            }
            ws();
            byte next = b[p++];
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw GIVE_UP;
            }
            ws();
        }
    }

    /** A string whose opening quote was consumed; keys are looked up among the canonical names first. */
    private String readString(boolean key) {
        byte[] b = this.b;
        lastWasCanonical = false;
        int start = p;
        int i = start;
        int hash = 0;
        boolean ascii = true;
        byte c;
        while ((c = b[i]) != '"') {
            if (c == '\\') {
                return readEscaped(start);
            }
            if (c >= 0 && c < 0x20) {
                throw GIVE_UP;
            }
            ascii &= c >= 0;
            hash = 31 * hash + c;
            i++;
        }
        p = i + 1;
        int length = i - start;
        if (!ascii) {
            return new String(b, start, length, StandardCharsets.UTF_8);
        }
        if (key) {
            String known = HeaderKeys.find(b, start, length, hash);
            if (known != null) {
                lastWasCanonical = true;
                return known;
            }
        }
        if (length > MAX_CACHED_VALUE) {
            return new String(b, start, length, StandardCharsets.ISO_8859_1);
        }
        int slot = (hash ^ (hash >>> 10)) & (CACHE_SLOTS - 1);
        byte[] cached = valueBytes[slot];
        if (cached != null && HeaderKeys.sameBytes(cached, b, start, length)) {
            return valueCache[slot];
        }
        String s = new String(b, start, length, StandardCharsets.ISO_8859_1);
        valueCache[slot] = s;
        valueBytes[slot] = Arrays.copyOfRange(b, start, i);
        return s;
    }

    /** The rest of a string with escapes, from {@code start} (just after the opening quote). */
    private String readEscaped(int start) {
        p = start;
        int n = 0;
        for (;;) {
            byte c = b[p++];
            if (c == '"') {
                return new String(chars, 0, n);
            }
            if (c < 0) {
                throw GIVE_UP;
            }
            if (c < 0x20) {
                throw GIVE_UP;
            }
            char out;
            if (c == '\\') {
                byte e = b[p++];
                out = switch (e) {
                    case '"' -> '"';
                    case '\\' -> '\\';
                    case '/' -> '/';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'u' -> (char) ((hex(b[p++]) << 12) | (hex(b[p++]) << 8) | (hex(b[p++]) << 4) | hex(b[p++]));
                    default -> throw GIVE_UP;
                };
            } else {
                out = (char) c;
            }
            if (n == chars.length) {
                chars = java.util.Arrays.copyOf(chars, n * 2);
            }
            chars[n++] = out;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw GIVE_UP;
    }

    private String nullOrString() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        expect('"');
        return readString(false);
    }

    private LanguageCode readLanguage() {
        byte c = peek();
        if (c == '"') {
            p++;
            int start = p;
            while (b[p] != '"') {
                byte x = b[p];
                if ((x < 'A' || x > 'Z') && x != '_' && (x < '0' || x > '9')) {
                    throw GIVE_UP;
                }
                p++;
            }
            int length = p - start;
            p++;
            for (LanguageCode l : LANGUAGES) {
                if (HeaderKeys.sameAscii(l.name(), b, start, length)) {
                    return l;
                }
            }
            return LanguageCode.OTHER;
        }
        if (c == 'n') {
            literal("null");
            return LanguageCode.JAVA;
        }
        int ordinal = readInt();
        return ordinal >= 0 && ordinal < LANGUAGES.length ? LANGUAGES[ordinal] : LanguageCode.OTHER;
    }

    private int readInt() {
        byte[] b = this.b;
        int i = p;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
        }
        int start = i;
        long v = 0;
        byte c;
        while ((c = b[i]) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            i++;
            if (i - start > 10) {
                throw GIVE_UP;
            }
        }
        p = i;
        if (i == start || c == '.' || c == 'e' || c == 'E') {
            throw GIVE_UP;
        }
        v = negative ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw GIVE_UP;
        }
        return (int) v;
    }

    /** Skips a string, number, true, false or null; anything else leaves the fast path. */
    private void skipSimpleValue() {
        byte c = peek();
        switch (c) {
            case '"' -> {
                p++;
                while ((c = b[p++]) != '"') {
                    if (c == '\\') {
                        p++;
                    } else if (c >= 0 && c < 0x20) {
                        throw GIVE_UP;
                    }
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw GIVE_UP;
                }
                p++;
                while ((c = b[p]) >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
                    p++;
                }
            }
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[p++] != word.charAt(i)) {
                throw GIVE_UP;
            }
        }
    }

    private byte peek() {
        if (p >= end) {
            throw GIVE_UP;
        }
        return b[p];
    }

    private void expect(char c) {
        if (p >= end || b[p] != c) {
            throw GIVE_UP;
        }
        p++;
    }

    private void ws() {
        byte[] b = this.b;
        int i = p;
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        p = i;
    }
}
