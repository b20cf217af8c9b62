package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingConnectException;
import io.carrack.remoting.RemotingException;
import io.carrack.remoting.RemotingTimeoutException;
import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests sent and waiting for their response, keyed by opaque. Each call has a timeout task on the
 * shared timer; whichever of response, timeout, channel close or send failure comes first removes
 * the entry and completes the future, so nothing is left behind.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class PendingCalls {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);

    private final Map<Integer, Call> calls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    PendingCalls(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** One outstanding request. */
    static final class Call {
        final int opaque;
        final Channel channel;
        final RemotingCommand request;
        final CompletableFuture<RemotingCommand> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Call(int opaque, Channel channel, RemotingCommand request) {
            this.opaque = opaque;
            this.channel = channel;
            this.request = request;
        }
    }

    /**
     * Registers a request about to be written on {@code channel}.
     *
     * @throws RemotingException if a call with the same opaque is still pending
     */
    Call register(Channel channel, RemotingCommand request, long timeoutMillis) {
        Call call = new Call(request.opaque(), channel, request);
        if (calls.putIfAbsent(call.opaque, call) != null) {
            throw new RemotingException("a request with opaque " + call.opaque + " is already pending");
        }
        try {
            call.timeout = timer.schedule(() -> expire(call, timeoutMillis), Math.max(0, timeoutMillis),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            calls.remove(call.opaque, call);
            throw new RemotingException("remoting is closed", e);
        }
        return call;
    }

    /**
     * Completes the call waiting for this response. A response nobody waits for, or one arriving on another
     * connection than its request went out on, is logged and dropped.
     */
    void complete(Channel channel, RemotingCommand response) {
        Call call = calls.get(response.opaque());
        if (call == null || call.channel != channel || !calls.remove(call.opaque, call)) {
            LOG.debug("dropping a response nobody waits for from {}: {}", channel.remoteAddress(), response);
            return;
        }
        cancelTimeout(call);
        call.future.complete(response);
    }

    /** Fails one call, e.g. when its request could not be written. */
    void fail(Call call, Throwable cause) {
        if (calls.remove(call.opaque, call)) {
            cancelTimeout(call);
            call.future.completeExceptionally(cause);
        }
    }

    /** Removes a call whose caller stopped waiting. */
    void abandon(Call call) {
        if (calls.remove(call.opaque, call)) {
            cancelTimeout(call);
        }
    }

    /** Fails every call sent on a channel that closed. */
    void failChannel(Channel channel, String peer) {
        for (Iterator<Call> it = calls.values().iterator(); it.hasNext();) {
            Call call = it.next();
            if (call.channel == channel) {
                fail(call, new RemotingConnectException("connection to " + peer + " closed before the response to "
                        + "request code " + call.request.code() + ", opaque " + call.opaque));
            }
        }
    }

    /** Fails every call; used when shutting down. */
    void failAll(String reason) {
        for (Call call : calls.values()) {
            fail(call, new RemotingConnectException(reason));
        }
    }

    int size() {
        return calls.size();
    }

    private void expire(Call call, long timeoutMillis) {
        if (calls.remove(call.opaque, call)) {
            call.future.completeExceptionally(new RemotingTimeoutException("no response from "
                    + call.channel.remoteAddress() + " to request code " + call.request.code() + ", opaque "
                    + call.opaque + " within " + timeoutMillis + " ms"));
        }
    }

    private static void cancelTimeout(Call call) {
        ScheduledFuture<?> t = call.timeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
