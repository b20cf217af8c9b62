package io.carrack.remoting;

/**
 * Told of connection events: the broker drops a client's registrations when its channel closes,
 * the name server drops a broker.
 *
 * <p>Thread safety: called on the server's or client's own events thread
 * ({@code carrack-remoting-server-events} / {@code carrack-remoting-client-events}), one event at a time
 * in the order they happened, never on an I/O thread. A slow listener delays later events only.
 */
public interface ChannelEventListener {
    default void onConnect(RemoteChannel channel) {
    }

    default void onClose(RemoteChannel channel) {
    }

    /** The channel saw no traffic for the idle time and is being closed. */
    default void onIdle(RemoteChannel channel) {
    }

    default void onException(RemoteChannel channel, Throwable cause) {
    }
}
