package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingException;
import io.carrack.remoting.RemotingServer;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.RpcHook;
import io.carrack.remoting.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty (NIO) remoting server. Pipeline per connection: idle detection, frame decoder, command
 * encoder, {@link CommandHandler}. Requests run on the executor of their processor; a processor
 * registered with a null executor runs on the I/O thread and must not block.
 *
 * <p>Threads: {@code carrack-remoting-server-boss}, {@code -io}, {@code -timer} (timeouts of requests
 * the server sends to clients), {@code -events} (listener calls, only with a listener).
 *
 * <p>Thread safety: register processors before {@link #start()}; the rest from any thread.
 */
public final class NettyRemotingServer implements RemotingServer {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingServer.class);

    private final ServerConfig config;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService events;
    private final PendingCalls pending;
    private final Object lifecycle = new Object();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private volatile int port = -1;
    private boolean closed;

    /** A server that binds on {@link #start()}. */
    public NettyRemotingServer(ServerConfig config) {
        this.config = config;
        this.timer = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("carrack-remoting-server-timer", true));
        this.timer.setRemoveOnCancelPolicy(true);
        this.events = config.listener() == null ? null
                : Executors.newSingleThreadExecutor(new DefaultThreadFactory("carrack-remoting-server-events", true));
        this.pending = new PendingCalls(timer);
    }

    @Override
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        dispatcher.register(code, processor, executor);
    }

    @Override
    public void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor) {
        dispatcher.registerDefault(processor, executor);
    }

    @Override
    public void registerRpcHook(RpcHook hook) {
        dispatcher.addHook(hook);
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the server is closed");
            }
            if (serverChannel != null) {
                throw new IllegalStateException("the server is already started");
            }
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("carrack-remoting-server-boss"));
            workers = new NioEventLoopGroup(Math.max(1, config.ioThreads()),
                    new DefaultThreadFactory("carrack-remoting-server-io"));
            CommandHandler handler = new CommandHandler("server", pending, dispatcher, config.listener(), events);
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, false)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new IdleStateHandler(0, 0, config.idleSeconds()),
                                    new FrameDecoder(config.maxFrameLength()),
                                    CommandEncoder.INSTANCE,
                                    handler);
                        }
                    });
            String host = config.bindAddress() == null || config.bindAddress().isEmpty()
                    ? "0.0.0.0" : config.bindAddress();
            try {
                serverChannel = bootstrap.bind(new InetSocketAddress(host, config.port())).syncUninterruptibly()
                        .channel();
            } catch (RuntimeException e) {
                shutdownGroups();
                throw new RemotingException("failed to bind " + host + ":" + config.port(), e);
            }
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
            LOG.info("remoting server listening on {}:{}", host, port);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (serverChannel != null) {
                serverChannel.close().syncUninterruptibly();
            }
            shutdownGroups();
            pending.failAll("the remoting server is closed");
            timer.shutdownNow();
            if (events != null) {
                events.shutdown();
                try {
                    events.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LOG.info("remoting server on port {} closed", port);
        }
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (boss != null) {
            boss.terminationFuture().awaitUninterruptibly();
        }
    }
}
