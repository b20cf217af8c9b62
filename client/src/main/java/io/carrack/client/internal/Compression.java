package io.carrack.client.internal;

import io.carrack.client.ClientException;
import io.carrack.common.message.MessageSysFlag;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Body compression as the 4.9.7 client does it (PROTOCOL.md section 10.4): zlib, level 5, flagged
 * with {@code COMPRESSED_FLAG | ZLIB type (0x300)}. Reading accepts zlib with type bits 0 or 0x300;
 * LZ4 and ZSTD bodies are refused, since they would need libraries the client does not ship.
 */
public final class Compression {
    /** The sys flag bits of a zlib-compressed body. */
    public static final int ZLIB_FLAGS = MessageSysFlag.COMPRESSED_FLAG | 0x300;
    private static final int LEVEL = 5;

    private Compression() {
    }

    /** zlib-compresses a body. */
    public static byte[] compress(byte[] body) {
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The body as the user sent it: decompressed when {@code sysFlag} says it is compressed. */
    public static byte[] decompressIfNeeded(byte[] body, int sysFlag) {
        if ((sysFlag & MessageSysFlag.COMPRESSED_FLAG) == 0) {
            return body;
        }
        int type = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >>> 8;
        if (type != 0 && type != 3) {
            throw new ClientException("unsupported compression type " + type + " (only zlib is supported)");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 3);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ClientException("truncated zlib body");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ClientException("bad zlib body: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
