package io.carrack.remoting;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One connection, seen from either end. Servers keep these to answer later (long polling) and to
 * send requests to clients (NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public interface RemoteChannel {
    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /** This end's address. */
    InetSocketAddress localAddress();

    /** The peer's address as {@code ip:port}. */
    default String remoteAddressText() {
        InetSocketAddress a = remoteAddress();
        if (a == null) {
            return "";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }

    boolean isActive();

    /** Writes a response (or any command) without waiting. */
    void write(RemotingCommand command);

    /**
     * Sends a request and completes with its response, or exceptionally with
     * {@link RemotingTimeoutException} after the timeout or {@link RemotingConnectException} as soon as the
     * connection closes. The future may complete on an I/O thread: do not block in non-async
     * continuations.
     */
    CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis);

    /**
     * Sends a request marked one-way.
     *
     * @throws RemotingConnectException if the connection is already closed
     */
    void invokeOneway(RemotingCommand request);

    /** Closes the connection. */
    void close();
}
