package io.carrack.remoting.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingConnectException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RemoteChannel} over a Netty channel. Requests sent through it wait in the owning server's or
 * client's {@link PendingCalls}. One instance per Netty channel, kept as a channel attribute.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
final class NettyRemoteChannel implements RemoteChannel {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemoteChannel.class);
    private static final AttributeKey<NettyRemoteChannel> KEY = AttributeKey.valueOf("carrack.remoteChannel");

    private final Channel channel;
    private final PendingCalls pending;
    /** The peer's {@code ip:port}, computed once: it does not change for a connected channel. */
    private volatile String remoteAddressText;

    private NettyRemoteChannel(Channel channel, PendingCalls pending) {
        this.channel = channel;
        this.pending = pending;
    }

    /** The wrapper of {@code channel}, created on first use. */
    static NettyRemoteChannel of(Channel channel, PendingCalls pending) {
        NettyRemoteChannel existing = channel.attr(KEY).get();
        if (existing != null) {
            return existing;
        }
        NettyRemoteChannel created = new NettyRemoteChannel(channel, pending);
        existing = channel.attr(KEY).setIfAbsent(created);
        return existing == null ? created : existing;
    }

    /** The Netty channel. */
    Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        SocketAddress a = channel.remoteAddress();
        return a instanceof InetSocketAddress isa ? isa : null;
    }

    @Override
    public String remoteAddressText() {
        String text = remoteAddressText;
        if (text == null) {
            text = RemoteChannel.super.remoteAddressText();
            if (!text.isEmpty()) {
                remoteAddressText = text;
            }
        }
        return text;
    }

    @Override
    public InetSocketAddress localAddress() {
        SocketAddress a = channel.localAddress();
        return a instanceof InetSocketAddress isa ? isa : null;
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void write(RemotingCommand command) {
        if (!channel.isActive() || channel.eventLoop().isShuttingDown()) {
            LOG.debug("connection {} is closed; dropping {}", remoteAddressText(), command);
            return;
        }
        channel.writeAndFlush(command).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                if (f.channel().isActive()) {
                    LOG.warn("failed to write {} to {}", command, remoteAddressText(), f.cause());
                } else {
                    LOG.debug("connection {} closed; dropped {}", remoteAddressText(), command);
                }
            }
        });
    }

    @Override
    public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
        return send(request, timeoutMillis).future;
    }

    /** Sends a request and returns its pending call; a failed send completes the call exceptionally. */
    PendingCalls.Call send(RemotingCommand request, long timeoutMillis) {
        PendingCalls.Call call = pending.register(channel, request, timeoutMillis);
        if (!channel.isActive() || channel.eventLoop().isShuttingDown()) {
            pending.fail(call, new RemotingConnectException("connection to " + remoteAddressText() + " is closed"));
            return call;
        }
        channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                pending.fail(call, new RemotingConnectException("failed to send request code " + request.code()
                        + " to " + remoteAddressText(), f.cause()));
            }
        });
        return call;
    }

    @Override
    public void invokeOneway(RemotingCommand request) {
        request.markOneway();
        if (!channel.isActive() || channel.eventLoop().isShuttingDown()) {
            throw new RemotingConnectException("connection to " + remoteAddressText() + " is closed");
        }
        channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                LOG.warn("failed to send one-way request code {} to {}", request.code(), remoteAddressText(),
                        f.cause());
            }
        });
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "RemoteChannel[" + remoteAddressText() + "]";
    }
}
