package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;

/**
 * Frames of PROTOCOL.md section 2.2: a 4-byte length (of everything after it), a 4-byte header length
 * with the serialize type in its high byte, the header, the body. No I/O.
 *
 * <p>Thread safety: stateless.
 */
public final class CommandCodec {
    /** Bytes of the length field and the header-length field. */
    static final int PREFIX_LENGTH = 8;
    private static final int MAX_HEADER_LENGTH = 0x00FFFFFF;

    private CommandCodec() {
    }

    /**
     * Writes the length field, the header-length field and the header; the caller writes the body
     * ({@code cmd.body()}) right after.
     */
    public static void encodeHeader(RemotingCommand cmd, ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(0);
        SerializeType type = cmd.serializeType() == null ? SerializeType.JSON : cmd.serializeType();
        if (type == SerializeType.ROCKETMQ) {
            RocketMqHeaderCodec.write(cmd, out);
        } else {
            JsonHeaderWriter.write(cmd, out);
        }
        int headerLength = out.writerIndex() - start - PREFIX_LENGTH;
        if (headerLength > MAX_HEADER_LENGTH) {
            out.writerIndex(start);
            throw new IllegalArgumentException("header of " + headerLength + " bytes is too long: " + cmd);
        }
        int bodyLength = cmd.body() == null ? 0 : cmd.body().length;
        out.setInt(start, 4 + headerLength + bodyLength);
        out.setInt(start + 4, (type.code() & 0xFF) << 24 | headerLength);
    }

    /** Writes a whole frame: header and body. */
    public static void encode(RemotingCommand cmd, ByteBuf out) {
        encodeHeader(cmd, out);
        if (cmd.body() != null) {
            out.writeBytes(cmd.body());
        }
    }

    /**
     * Decodes one frame whose length field was already consumed: {@code frame} holds the header-length
     * field, the header and the body. Reads all of it.
     *
     * @throws FrameFormatException if the frame is malformed
     */
    public static RemotingCommand decode(ByteBuf frame) {
        int length = frame.readableBytes();
        if (length < 4) {
            throw new FrameFormatException("frame of " + length + " bytes has no header length");
        }
        int headerLenAndType = frame.readInt();
        int headerLength = headerLenAndType & MAX_HEADER_LENGTH;
        SerializeType type = SerializeType.of((byte) (headerLenAndType >>> 24));
        if (type == null) {
            throw new FrameFormatException("unknown serialize type " + (headerLenAndType >>> 24));
        }
        if (headerLength > frame.readableBytes()) {
            throw new FrameFormatException("header length " + headerLength + " exceeds the frame ("
                    + frame.readableBytes() + " bytes left)");
        }
        RemotingCommand cmd = RemotingCommand.empty();
        cmd.serializeType(type);
        if (type == SerializeType.ROCKETMQ) {
            RocketMqHeaderCodec.read(frame, headerLength, cmd);
        } else {
            JsonHeaderParser.get().read(frame, headerLength, cmd);
        }
        int bodyLength = frame.readableBytes();
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.readBytes(body);
            cmd.body(body);
        }
        return cmd;
    }
}
