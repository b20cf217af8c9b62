package io.carrack.remoting;

import io.carrack.remoting.internal.NettyRemotingClient;
import io.carrack.remoting.internal.NettyRemotingServer;

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
}
