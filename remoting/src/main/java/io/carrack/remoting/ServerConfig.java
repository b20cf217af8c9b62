package io.carrack.remoting;

/**
 * Remoting server settings.
 *
 * @param bindAddress     address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port            port to bind; 0 picks a free one
 * @param ioThreads       Netty worker threads
 * @param maxFrameLength  largest frame accepted, the length prefix included (RocketMQ: 16 MiB)
 * @param idleSeconds     close a connection after this long without traffic (RocketMQ: 120)
 * @param listener        connection events, or null
 */
public record ServerConfig(String bindAddress, int port, int ioThreads, int maxFrameLength, int idleSeconds,
                           ChannelEventListener listener) {
    /** RocketMQ's frame limit: 16 MiB including the 4-byte length prefix. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** Defaults for a port on an address. */
    public static ServerConfig of(String bindAddress, int port) {
        return new ServerConfig(bindAddress, port, 2, DEFAULT_MAX_FRAME_LENGTH, 120, null);
    }

    /** A copy with a listener. */
    public ServerConfig withListener(ChannelEventListener l) {
        return new ServerConfig(bindAddress, port, ioThreads, maxFrameLength, idleSeconds, l);
    }

    /** A copy with another frame limit. */
    public ServerConfig withMaxFrameLength(int max) {
        return new ServerConfig(bindAddress, port, ioThreads, max, idleSeconds, listener);
    }
}
