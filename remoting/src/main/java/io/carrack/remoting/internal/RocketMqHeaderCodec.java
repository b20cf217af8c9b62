package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.LanguageCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The compact binary header (serialize type 1, PROTOCOL.md section 2.4): code (short), language
 * (byte), version (short), opaque, flag, remark (int length + UTF-8), extFields (int total length,
 * then short key length + key, int value length + value per entry).
 *
 * <p>Thread safety: stateless.
 */
final class RocketMqHeaderCodec {
    private RocketMqHeaderCodec() {
    }

    /** Writes the binary header of {@code cmd} at the writer index of {@code out}. */
    static void write(RemotingCommand cmd, ByteBuf out) {
        out.writeShort(cmd.code());
        out.writeByte(cmd.language() == null ? 0 : cmd.language().ordinal());
        out.writeShort(cmd.version());
        out.writeInt(cmd.opaque());
        out.writeInt(cmd.flag());
        writeIntPrefixed(out, cmd.remark());
        int fieldsLengthAt = out.writerIndex();
        out.writeInt(0);
        if (cmd.hasExtFields()) {
            for (Map.Entry<String, String> e : cmd.extFields().entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                int keyAt = out.writerIndex();
                out.writeShort(0);
                int keyLength = ByteBufUtil.writeUtf8(out, e.getKey());
                out.setShort(keyAt, keyLength);
                writeIntPrefixed(out, e.getValue());
            }
        }
        out.setInt(fieldsLengthAt, out.writerIndex() - fieldsLengthAt - 4);
    }

    private static void writeIntPrefixed(ByteBuf out, String s) {
        if (s == null || s.isEmpty()) {
            out.writeInt(0);
            return;
        }
        int at = out.writerIndex();
        out.writeInt(0);
        int n = ByteBufUtil.writeUtf8(out, s);
        out.setInt(at, n);
    }

    /**
     * Reads {@code length} header bytes from {@code in} into {@code cmd}.
     *
     * @throws FrameFormatException if a length inside the header runs past its end
     */
    static void read(ByteBuf in, int length, RemotingCommand cmd) {
        int end = in.readerIndex() + length;
        need(in, end, 2 + 1 + 2 + 4 + 4 + 4);
        cmd.code(in.readShort());
        cmd.language(LanguageCode.valueOf(in.readByte()));
        cmd.version(in.readShort());
        cmd.opaque(in.readInt());
        cmd.flag(in.readInt());
        cmd.remark(readString(in, end, in.readInt()));
        need(in, end, 4);
        int fieldsLength = in.readInt();
        if (fieldsLength < 0 || fieldsLength > end - in.readerIndex()) {
            throw new FrameFormatException("ROCKETMQ header extFields length " + fieldsLength + " is out of range");
        }
        if (fieldsLength > 0) {
            int fieldsEnd = in.readerIndex() + fieldsLength;
            Map<String, String> fields = new FieldMap(16);
            while (in.readerIndex() < fieldsEnd) {
                need(in, fieldsEnd, 2);
                String key = readString(in, fieldsEnd, in.readUnsignedShort());
                need(in, fieldsEnd, 4);
                String value = readString(in, fieldsEnd, in.readInt());
                if (key != null) {
                    fields.put(key, value);
                }
            }
            cmd.extFields(fields);
        }
        in.readerIndex(end);
    }

    private static String readString(ByteBuf in, int end, int n) {
        if (n < 0 || n > end - in.readerIndex()) {
            throw new FrameFormatException("ROCKETMQ header string length " + n + " is out of range");
        }
        if (n == 0) {
            return null;
        }
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    private static void need(ByteBuf in, int end, int n) {
        if (end - in.readerIndex() < n) {
            throw new FrameFormatException("ROCKETMQ header is truncated");
        }
    }
}
