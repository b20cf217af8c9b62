package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes a command as its frame prefix and header in a pooled buffer, followed by the body wrapped
 * without copying.
 *
 * <p>Thread safety: stateless and shared by all channels.
 */
@ChannelHandler.Sharable
final class CommandEncoder extends MessageToMessageEncoder<RemotingCommand> {
    static final CommandEncoder INSTANCE = new CommandEncoder();

    private CommandEncoder() {
        super(RemotingCommand.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand cmd, List<Object> out) {
        ByteBuf header = ctx.alloc().ioBuffer(256);
        try {
            CommandCodec.encodeHeader(cmd, header);
        } catch (RuntimeException e) {
            header.release();
            throw e;
        }
        out.add(header);
        byte[] body = cmd.body();
        if (body != null && body.length > 0) {
            out.add(Unpooled.wrappedBuffer(body));
        }
    }
}
