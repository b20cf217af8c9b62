package io.carrack.remoting.internal;

import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingConnectException;
import io.carrack.remoting.RemotingException;
import io.carrack.remoting.RemotingTimeoutException;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.RpcHook;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty (NIO) remoting client: one connection per address, opened on first use under a lock and
 * re-opened when it is no longer active. Pending calls time out on the timer and fail at once with
 * {@link RemotingConnectException} when their connection closes. Futures of {@link #invokeAsync}
 * complete on the callback threads, never on an I/O thread, so continuations may block.
 *
 * <p>Threads: {@code carrack-remoting-client-io}, {@code -timer}, {@code -callback}, {@code -events}
 * (listener calls, only with a listener). All are daemon threads and stop in {@link #close()}.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class NettyRemotingClient implements RemotingClient {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingClient.class);

    private final ClientConfig config;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor callbacks;
    private final ExecutorService events;
    private final PendingCalls pending;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Map<String, ChannelFuture> channels = new ConcurrentHashMap<>();
    private final ReentrantLock channelsLock = new ReentrantLock();
    private volatile boolean closed;

    /** A client with its I/O threads started; connections open on first use. */
    public NettyRemotingClient(ClientConfig config) {
        this.config = config;
        this.timer = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("carrack-remoting-client-timer", true));
        this.timer.setRemoveOnCancelPolicy(true);
        int cbThreads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        this.callbacks = new ThreadPoolExecutor(cbThreads, cbThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("carrack-remoting-client-callback", true));
        this.callbacks.allowCoreThreadTimeOut(true);
        this.events = config.listener() == null ? null
                : Executors.newSingleThreadExecutor(new DefaultThreadFactory("carrack-remoting-client-events", true));
        this.pending = new PendingCalls(timer);
        this.group = new NioEventLoopGroup(Math.max(1, config.ioThreads()),
                new DefaultThreadFactory("carrack-remoting-client-io", true));
        CommandHandler handler = new CommandHandler("client", pending, dispatcher, config.listener(), events);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, config.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, config.idleSeconds()),
                                new FrameDecoder(config.maxFrameLength()),
                                CommandEncoder.INSTANCE,
                                handler);
                    }
                });
    }

    @Override
    public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        runBeforeHooks(address, request);
        Channel channel = awaitChannel(address, deadline);
        long remaining = remainingMillis(deadline);
        if (remaining <= 0) {
            throw timeout(address, request, timeoutMillis);
        }
        PendingCalls.Call call = NettyRemoteChannel.of(channel, pending).send(request, remaining);
        RemotingCommand response;
        try {
            // The timer completes the call at the deadline; the extra second only guards against a stalled timer.
            response = call.future.get(remaining + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.abandon(call);
            Thread.currentThread().interrupt();
            throw new RemotingException("interrupted while waiting for " + address, e);
        } catch (TimeoutException e) {
            pending.abandon(call);
            throw timeout(address, request, timeoutMillis);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        runAfterHooks(address, request, response);
        return response;
    }

    @Override
    public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request,
                                                          long timeoutMillis) {
        CompletableFuture<RemotingCommand> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ChannelFuture connect;
        try {
            runBeforeHooks(address, request);
            connect = channelFuture(address);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        ScheduledFuture<?> connectDeadline = connect.isDone() ? null : scheduleConnectDeadline(result, address,
                request, timeoutMillis);
        connect.addListener((ChannelFutureListener) f -> {
            if (connectDeadline != null) {
                connectDeadline.cancel(false);
            }
            if (result.isDone()) {
                return;
            }
            if (!f.isSuccess()) {
                completeLater(result, null, connectFailed(address, f.cause()));
                return;
            }
            long remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                completeLater(result, null, timeout(address, request, timeoutMillis));
                return;
            }
            PendingCalls.Call call;
            try {
                call = NettyRemoteChannel.of(f.channel(), pending).send(request, remaining);
            } catch (RuntimeException e) {
                completeLater(result, null, e);
                return;
            }
            call.future.whenComplete((response, error) -> {
                if (error == null) {
                    try {
                        runAfterHooks(address, request, response);
                    } catch (RuntimeException e) {
                        error = e;
                    }
                }
                completeLater(result, response, error);
            });
        });
        return result;
    }

    @Override
    public void invokeOneway(String address, RemotingCommand request, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        runBeforeHooks(address, request);
        Channel channel = awaitChannel(address, deadline);
        NettyRemoteChannel.of(channel, pending).invokeOneway(request);
    }

    @Override
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        dispatcher.register(code, processor, executor);
    }

    @Override
    public void registerRpcHook(RpcHook hook) {
        dispatcher.addHook(hook);
    }

    @Override
    public void closeChannel(String address) {
        ChannelFuture f = channels.remove(address);
        if (f != null) {
            f.channel().close();
        }
    }

    @Override
    public void close() {
        channelsLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            channelsLock.unlock();
        }
        for (ChannelFuture f : channels.values()) {
            f.channel().close();
        }
        channels.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        pending.failAll("the remoting client is closed");
        timer.shutdownNow();
        callbacks.shutdown();
        if (events != null) {
            events.shutdown();
        }
        try {
            callbacks.awaitTermination(1, TimeUnit.SECONDS);
            if (events != null) {
                events.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Number of calls waiting for a response; for tests. */
    int pendingCount() {
        return pending.size();
    }

    private void runBeforeHooks(String address, RemotingCommand request) {
        for (RpcHook hook : dispatcher.hooks()) {
            hook.beforeRequest(address, request);
        }
    }

    private void runAfterHooks(String address, RemotingCommand request, RemotingCommand response) {
        for (RpcHook hook : dispatcher.hooks()) {
            hook.afterResponse(address, request, response);
        }
    }

    /** Fails the call when connecting takes longer than its whole timeout. */
    private ScheduledFuture<?> scheduleConnectDeadline(CompletableFuture<RemotingCommand> result, String address,
                                                       RemotingCommand request, long timeoutMillis) {
        try {
            return timer.schedule(() -> {
                if (!result.isDone()) {
                    completeLater(result, null, timeout(address, request, timeoutMillis));
                }
            }, Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void completeLater(CompletableFuture<RemotingCommand> result, RemotingCommand response, Throwable error) {
        Runnable complete = () -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(response);
            }
        };
        try {
            callbacks.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run();
        }
    }

    /** The connection to {@code address}, waiting for it to open until the deadline at most. */
    private Channel awaitChannel(String address, long deadline) {
        ChannelFuture f = channelFuture(address);
        long wait = Math.min(remainingMillis(deadline), config.connectTimeoutMillis());
        boolean done;
        try {
            done = f.await(Math.max(0, wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemotingException("interrupted while connecting to " + address, e);
        }
        if (!done) {
            if (remainingMillis(deadline) <= 0) {
                throw new RemotingTimeoutException("connecting to " + address + " took longer than the call's timeout");
            }
            throw new RemotingConnectException("connecting to " + address + " timed out after "
                    + config.connectTimeoutMillis() + " ms");
        }
        if (!f.isSuccess()) {
            throw connectFailed(address, f.cause());
        }
        return f.channel();
    }

    /** The connection future for {@code address}: the open one, one being opened, or a new one. */
    private ChannelFuture channelFuture(String address) {
        ChannelFuture f = channels.get(address);
        if (usable(f)) {
            return f;
        }
        channelsLock.lock();
        try {
            if (closed) {
                throw new RemotingConnectException("the remoting client is closed");
            }
            f = channels.get(address);
            if (usable(f)) {
                return f;
            }
            if (f != null) {
                f.channel().close();
            }
            ChannelFuture created = bootstrap.connect(RemotingAddress.parse(address));
            channels.put(address, created);
            created.channel().closeFuture().addListener(c -> channels.remove(address, created));
            LOG.debug("connecting to {}", address);
            return created;
        } finally {
            channelsLock.unlock();
        }
    }

    private static boolean usable(ChannelFuture f) {
        return f != null && (!f.isDone() || f.isSuccess() && f.channel().isActive());
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static RemotingConnectException connectFailed(String address, Throwable cause) {
        return new RemotingConnectException("failed to connect to " + address, cause);
    }

    private static RemotingTimeoutException timeout(String address, RemotingCommand request, long timeoutMillis) {
        return new RemotingTimeoutException("no response from " + address + " to request code " + request.code()
                + " within " + timeoutMillis + " ms");
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RemotingException re) {
            return re;
        }
        return new RemotingException("call failed: " + cause, cause);
    }
}
