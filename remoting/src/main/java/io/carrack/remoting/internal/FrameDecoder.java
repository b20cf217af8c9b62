package io.carrack.remoting.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the byte stream into frames and decodes each into a {@code RemotingCommand}. After the first
 * bad frame it drops all further input: the connection is being closed and nothing after the bad
 * frame can be trusted.
 *
 * <p>Thread safety: one instance per channel, used on its event loop.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private boolean failed;

    /** @param maxFrameLength the largest frame, the 4-byte length field included */
    FrameDecoder(int maxFrameLength) {
        super(maxFrameLength, 0, 4, 0, 4);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf frame;
        try {
            frame = (ByteBuf) super.decode(ctx, in);
        } catch (Exception e) {
            fail(in);
            throw e;
        }
        if (frame == null) {
            return null;
        }
        try {
            return CommandCodec.decode(frame);
        } catch (RuntimeException e) {
            fail(in);
            throw e;
        } finally {
            frame.release();
        }
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
