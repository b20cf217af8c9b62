package io.carrack.remoting;

import io.carrack.remoting.internal.FastThreadFactory;
import io.carrack.remoting.internal.NettyRemotingClient;
import io.carrack.remoting.internal.NettyRemotingServer;
import java.util.concurrent.ThreadFactory;

/** Creates remoting servers and clients; the Netty implementation stays internal. */
public final class Remoting {
    private Remoting() {
    }

    /** A server that is not yet started. */
    public static RemotingServer newServer(ServerConfig config) {
        return new NettyRemotingServer(config);
    }

    /** A client; connections open on first use. */
    public static RemotingClient newClient(ClientConfig config) {
        return new NettyRemotingClient(config);
    }

    /**
     * A thread factory for executors that run request processors or write commands: its threads are
     * named {@code <prefix><n>} (n from 1) and let the transport's thread-local caches take their fast
     * path, so responses written from them allocate and look up less.
     *
     * @param prefix the name prefix, such as {@code carrack-broker-send-}
     * @param daemon whether the threads are daemon threads
     */
    public static ThreadFactory threadFactory(String prefix, boolean daemon) {
        return new FastThreadFactory(prefix, daemon);
    }
}
