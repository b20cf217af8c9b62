package io.carrack.remoting;

/**
 * Remoting client settings.
 *
 * @param connectTimeoutMillis connect timeout (RocketMQ: 3000)
 * @param ioThreads            Netty worker threads
 * @param maxFrameLength       largest frame accepted
 * @param idleSeconds          close a connection after this long without traffic
 * @param listener             connection events, or null
 */
public record ClientConfig(int connectTimeoutMillis, int ioThreads, int maxFrameLength, int idleSeconds,
                           ChannelEventListener listener) {
    /** RocketMQ's defaults. */
    public static ClientConfig defaults() {
        return new ClientConfig(3000, 1, ServerConfig.DEFAULT_MAX_FRAME_LENGTH, 120, null);
    }

    /** A copy with a listener. */
    public ClientConfig withListener(ChannelEventListener l) {
        return new ClientConfig(connectTimeoutMillis, ioThreads, maxFrameLength, idleSeconds, l);
    }
}
