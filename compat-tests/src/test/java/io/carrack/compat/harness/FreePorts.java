package io.carrack.compat.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on 127.0.0.1 for servers that need their port up front. */
final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    /** A port that is free right now. */
    static int one() {
        try (ServerSocket socket = bind(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /**
     * A port {@code p} such that {@code p - 2 .. p + 1} are all free right now: a RocketMQ-style broker
     * listens on {@code p}, may listen for HA on {@code p + 1}, and clients may try the "VIP" channel
     * {@code p - 2}.
     */
    static int brokerPort() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int p = one();
            if (p < 1026 || p > 65534) {
                continue;
            }
            if (isFree(p - 2) && isFree(p - 1) && isFree(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no run of free loopback ports after " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = bind(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
