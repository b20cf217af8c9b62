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
        return a == null ? "" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    boolean isActive();

    /** Writes a response (or any command) without waiting. */
    void write(RemotingCommand command);

    /** Sends a request and completes with its response, or exceptionally on timeout or close. */
    CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis);

    /** Sends a request marked one-way. */
    void invokeOneway(RemotingCommand request);

    /** Closes the connection. */
    void close();
}
