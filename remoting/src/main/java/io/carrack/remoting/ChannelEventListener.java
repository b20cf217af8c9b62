package io.carrack.remoting;

/**
 * Told of connection events: the broker drops a client's registrations when its channel closes,
 * the name server drops a broker.
 *
 * <p>Thread safety: called from I/O threads; must not block.
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
