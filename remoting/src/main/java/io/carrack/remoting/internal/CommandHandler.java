package io.carrack.remoting.internal;

import io.carrack.remoting.ChannelEventListener;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every pipeline: routes responses to the pending calls and requests to the
 * dispatcher, closes idle and broken connections, and tells the listener (on its own thread, in order).
 *
 * <p>Thread safety: shared by all channels of one server or client; stateless apart from its
 * collaborators, which are thread-safe.
 */
@ChannelHandler.Sharable
final class CommandHandler extends SimpleChannelInboundHandler<RemotingCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final String role;
    private final PendingCalls pending;
    private final RequestDispatcher dispatcher;
    private final ChannelEventListener listener;
    private final Executor events;

    /**
     * @param role       "server" or "client", for logs
     * @param listener   connection events, or null
     * @param events     runs listener calls in order; may be null when there is no listener
     */
    CommandHandler(String role, PendingCalls pending, RequestDispatcher dispatcher, ChannelEventListener listener,
                   Executor events) {
        super(RemotingCommand.class);
        this.role = role;
        this.pending = pending;
        this.dispatcher = dispatcher;
        this.listener = listener;
        this.events = events;
    }

    private NettyRemoteChannel remote(ChannelHandlerContext ctx) {
        return NettyRemoteChannel.of(ctx.channel(), pending);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand cmd) {
        if (cmd.isResponse()) {
            pending.complete(ctx.channel(), cmd);
        } else {
            dispatcher.dispatch(remote(ctx), cmd);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        NettyRemoteChannel remote = remote(ctx);
        LOG.debug("{}: connection {} active", role, remote.remoteAddressText());
        notify(remote, ChannelEventListener::onConnect);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        NettyRemoteChannel remote = remote(ctx);
        LOG.debug("{}: connection {} closed", role, remote.remoteAddressText());
        pending.failChannel(ctx.channel(), remote.remoteAddressText());
        notify(remote, ChannelEventListener::onClose);
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            NettyRemoteChannel remote = remote(ctx);
            LOG.info("{}: closing idle connection {}", role, remote.remoteAddressText());
            notify(remote, ChannelEventListener::onIdle);
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyRemoteChannel remote = remote(ctx);
        if (cause instanceof DecoderException) {
            LOG.warn("{}: closing connection {} after a bad frame: {}", role, remote.remoteAddressText(),
                    cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.info("{}: closing connection {}: {}", role, remote.remoteAddressText(), cause.toString());
        } else {
            LOG.warn("{}: closing connection {} after an error", role, remote.remoteAddressText(), cause);
        }
        notify(remote, (l, c) -> l.onException(c, cause));
        ctx.close();
    }

    private void notify(NettyRemoteChannel remote, BiConsumer<ChannelEventListener, RemoteChannel> event) {
        if (listener == null) {
            return;
        }
        try {
            events.execute(() -> {
                try {
                    event.accept(listener, remote);
                } catch (RuntimeException e) {
                    LOG.warn("{}: channel event listener failed for {}", role, remote.remoteAddressText(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: dropping a channel event for {} while shutting down", role, remote.remoteAddressText());
        }
    }
}
