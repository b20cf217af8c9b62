package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.RpcHook;
import io.carrack.remoting.protocol.ResponseCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs incoming requests: finds the processor for the code, runs it on its executor with the RPC
 * hooks around it, and answers with its response or a standard error (PROTOCOL.md section 2.5). One-way
 * requests are never answered.
 *
 * <p>Thread safety: safe for concurrent use; registration may happen while serving.
 */
final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    static final String REJECT_REMARK = "[REJECTREQUEST]system busy, start flow control for a while";
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";

    /** A processor and where it runs; a null executor runs it on the I/O thread. */
    private record Registration(RequestProcessor processor, ExecutorService executor) {
    }

    private final Map<Integer, Registration> processors = new ConcurrentHashMap<>();
    private volatile Registration defaultProcessor;
    private final List<RpcHook> hooks = new CopyOnWriteArrayList<>();

    void register(int code, RequestProcessor processor, ExecutorService executor) {
        processors.put(code, new Registration(processor, executor));
    }

    void registerDefault(RequestProcessor processor, ExecutorService executor) {
        defaultProcessor = new Registration(processor, executor);
    }

    void addHook(RpcHook hook) {
        hooks.add(hook);
    }

    List<RpcHook> hooks() {
        return hooks;
    }

    /** Handles one request that arrived on {@code channel}; called on the channel's I/O thread. */
    void dispatch(NettyRemoteChannel channel, RemotingCommand request) {
        Registration reg = processors.get(request.code());
        if (reg == null) {
            reg = defaultProcessor;
        }
        if (reg == null) {
            LOG.debug("no processor for request code {} from {}", request.code(), channel.remoteAddressText());
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code() + " not supported"));
            return;
        }
        boolean reject;
        try {
            reject = reg.processor().rejectRequest();
        } catch (RuntimeException e) {
            LOG.warn("rejectRequest() of the processor for code {} failed", request.code(), e);
            reject = false;
        }
        if (reject) {
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY, REJECT_REMARK));
            return;
        }
        RequestProcessor processor = reg.processor();
        Runnable task = () -> run(processor, channel, request);
        if (reg.executor() == null) {
            task.run();
            return;
        }
        try {
            reg.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("executor of request code {} is full or shut down; answering SYSTEM_BUSY to {}", request.code(),
                    channel.remoteAddressText());
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY, OVERLOAD_REMARK));
        }
    }

    private void run(RequestProcessor processor, NettyRemoteChannel channel, RemotingCommand request) {
        RemotingCommand response;
        try {
            boolean hooked = !hooks.isEmpty();
            String peer = hooked ? channel.remoteAddressText() : null;
            if (hooked) {
                for (RpcHook hook : hooks) {
                    hook.beforeRequest(peer, request);
                }
            }
            response = processor.process(channel, request);
            if (hooked) {
                for (RpcHook hook : hooks) {
                    hook.afterResponse(peer, request, response);
                }
            }
        } catch (Exception e) {
            LOG.warn("processing request code {} from {} failed", request.code(), channel.remoteAddressText(), e);
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.toString()));
            return;
        } catch (Error e) {
            LOG.error("processing request code {} from {} failed", request.code(), channel.remoteAddressText(), e);
            answer(channel, request, RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.toString()));
            throw e;
        }
        if (response != null) {
            response.opaque(request.opaque());
            response.markResponse();
            response.serializeType(request.serializeType());
            answer(channel, request, response);
        }
    }

    private static void answer(NettyRemoteChannel channel, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            return;
        }
        channel.write(response);
    }
}
