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

    /** Sends a request; the future completes with the response or exceptionally. */
    CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request, long timeoutMillis);

    /** Sends a request marked one-way. */
    void invokeOneway(String address, RemotingCommand request, long timeoutMillis);

    /** Handles requests the server sends to this client (codes 39, 40, 220, 221, 307, 309, 326). */
    void registerProcessor(int code, RequestProcessor processor, ExecutorService executor);

    void registerRpcHook(RpcHook hook);

    /** Closes the connection to one address, if open. */
    void closeChannel(String address);

    @Override
    void close();
}
