package io.carrack.remoting;

import java.util.concurrent.ExecutorService;

/**
 * A remoting server: accepts connections, decodes frames, dispatches requests to the processor
 * registered for their code, and writes responses.
 *
 * <p>Bad input never stops the server: an oversized or malformed frame closes that connection only;
 * an unknown code is answered with REQUEST_CODE_NOT_SUPPORTED.
 *
 * <p>Thread safety: register processors before {@link #start()}; everything else from any thread.
 */
public interface RemotingServer extends AutoCloseable {
    /**
     * Routes requests with {@code code} to the processor, run on the executor. A null executor runs the
     * processor on the I/O thread, for processors that never block. A full executor
     * ({@code RejectedExecutionException}) is answered with SYSTEM_BUSY.
     */
    void registerProcessor(int code, RequestProcessor processor, ExecutorService executor);

    /** Routes requests of every code without its own processor. */
    void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor);

    void registerRpcHook(RpcHook hook);

    /** Binds and starts serving. */
    void start();

    /** The bound port (useful when configured with port 0); -1 before {@link #start()}. */
    int port();

    @Override
    void close();
}
