package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.carrack.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the JSON header (PROTOCOL.md section 2.3) as bytes: assembled in a reusable per-thread array and
 * copied into the frame buffer once. Constant parts are pre-encoded, ints are written digit by digit,
 * strings char by char (escaping quote, backslash and control characters as the reference does:
 * backslash-u00XX with lower-case hex; other characters as UTF-8, a lone surrogate as '?'). Key order is
 * the 4.9.7 client's: alphabetical, nulls omitted.
 *
 * <p>Thread safety: stateless apart from the per-thread scratch array.
 */
final class JsonHeaderWriter {
    private static final byte[] CODE = ascii("{\"code\":");
    private static final byte[] EXT_FIELDS = ascii(",\"extFields\":{");
    private static final byte[] FLAG = ascii(",\"flag\":");
    private static final byte[] OPAQUE = ascii(",\"opaque\":");
    private static final byte[] REMARK = ascii(",\"remark\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[][] LANGUAGE = new byte[LanguageCode.values().length][];
    private static final byte[][] SERIALIZE_TYPE = new byte[SerializeType.values().length][];
    private static final byte[] HEX = ascii("0123456789abcdef");
    private static final int KEEP_SCRATCH = 64 * 1024;
    private static final FastThreadLocal<Writer> WRITER = new FastThreadLocal<>() {
        @Override
        protected Writer initialValue() {
            return new Writer();
        }
    };

    static {
        for (LanguageCode l : LanguageCode.values()) {
            LANGUAGE[l.ordinal()] = ascii(",\"language\":\"" + l.name() + "\"");
        }
        for (SerializeType t : SerializeType.values()) {
            SERIALIZE_TYPE[t.ordinal()] = ascii(",\"serializeTypeCurrentRPC\":\"" + t.name() + "\"");
        }
    }

    private JsonHeaderWriter() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the JSON header of {@code cmd} at the writer index of {@code out}. */
    static void write(RemotingCommand cmd, ByteBuf out) {
        Writer w = WRITER.get();
        w.n = 0;
        try {
            w.header(cmd);
            out.writeBytes(w.buf, 0, w.n);
        } finally {
            if (w.buf.length > KEEP_SCRATCH) {
                w.buf = new byte[512];
            }
        }
    }

    /** The header bytes under construction. */
    private static final class Writer {
        byte[] buf = new byte[512];
        int n;

        void header(RemotingCommand cmd) {
            put(CODE);
            putInt(cmd.code());
            if (cmd.hasExtFields()) {
                put(EXT_FIELDS);
                boolean first = true;
                for (Map.Entry<String, String> e : cmd.extFields().entrySet()) {
                    String key = e.getKey();
                    String value = e.getValue();
                    if (key == null || value == null) {
                        continue;
                    }
                    if (!first) {
                        room(1);
                        buf[n++] = ',';
                    }
                    first = false;
                    putString(key);
                    room(1);
                    buf[n++] = ':';
                    putString(value);
                }
                room(1);
                buf[n++] = '}';
            }
            put(FLAG);
            putInt(cmd.flag());
            if (cmd.language() != null) {
                put(LANGUAGE[cmd.language().ordinal()]);
            }
            put(OPAQUE);
            putInt(cmd.opaque());
            if (cmd.remark() != null) {
                put(REMARK);
                putString(cmd.remark());
            }
            put(SERIALIZE_TYPE[cmd.serializeType().ordinal()]);
            put(VERSION);
            putInt(cmd.version());
            room(1);
            buf[n++] = '}';
        }

        private void room(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(n + more, buf.length * 2));
            }
        }

        private void put(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, n, bytes.length);
            n += bytes.length;
        }

        private void putInt(int v) {
            room(11);
            long x = v;
            if (x < 0) {
                buf[n++] = '-';
                x = -x;
            }
            int digits = 1;
            for (long t = x; t >= 10; t /= 10) {
                digits++;
            }
            int at = n + digits;
            for (int i = 0; i < digits; i++) {
                buf[--at] = (byte) ('0' + x % 10);
                x /= 10;
            }
            n += digits;
        }

        private void putString(String s) {
            int len = s.length();
            room(len * 6 + 2);
            byte[] b = buf;
            int k = n;
            b[k++] = '"';
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[k++] = (byte) c;
                    } else if (c >= 0x20) {
                        b[k++] = '\\';
                        b[k++] = (byte) c;
                    } else {
                        b[k++] = '\\';
                        b[k++] = 'u';
                        b[k++] = '0';
                        b[k++] = '0';
                        b[k++] = HEX[c >> 4];
                        b[k++] = HEX[c & 0xF];
                    }
                } else if (c < 0x800) {
                    b[k++] = (byte) (0xC0 | (c >> 6));
                    b[k++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[k++] = (byte) (0xF0 | (cp >> 18));
                    b[k++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[k++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[k++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    b[k++] = '?';
                } else {
                    b[k++] = (byte) (0xE0 | (c >> 12));
                    b[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[k++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            b[k++] = '"';
            n = k;
        }
    }
}
