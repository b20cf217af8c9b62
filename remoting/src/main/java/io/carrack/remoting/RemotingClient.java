package io.carrack.remoting;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A remoting client: one connection per remote address, shared by all calls, opened on first use
 * and re-opened after it closes.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public interface RemotingClient extends AutoCloseable {
    /**
     * Sends a request and waits for its response.
     *
     * @param address {@code host:port}
     * @throws RemotingConnectException if the address cannot be reached or the connection is lost
     * @throws RemotingTimeoutException if no response arrives in time
     */
    RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis);

    /**
     * Sends a request; the future completes with the response or exceptionally
     * ({@link RemotingConnectException}, {@link RemotingTimeoutException}). It never completes on an I/O
     * thread, so continuations may block.
     */
    CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request, long timeoutMillis);

    /**
     * Sends a request marked one-way; waits for the connection at most {@code timeoutMillis}.
     *
     * @throws RemotingConnectException if the address cannot be reached
     */
    void invokeOneway(String address, RemotingCommand request, long timeoutMillis);

    /**
     * Handles requests the server sends to this client (codes 39, 40, 220, 221, 307, 309, 326); codes
     * without a processor are answered with REQUEST_CODE_NOT_SUPPORTED. A null executor runs the
     * processor on the I/O thread.
     */
    void registerProcessor(int code, RequestProcessor processor, ExecutorService executor);

    void registerRpcHook(RpcHook hook);

    /** Closes the connection to one address, if open. */
    void closeChannel(String address);

    @Override
    void close();
}
