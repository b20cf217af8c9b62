package io.carrack.client.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client ids in the RocketMQ form {@code ip@instanceName}. A default instance name is
 * {@code <pid>#<nanoTime>}, made unique in this JVM, so every client object has its own id.
 */
public final class ClientIds {
    private static final AtomicLong LAST = new AtomicLong();

    private ClientIds() {
    }

    /** A fresh default instance name. */
    public static String defaultInstanceName() {
        long n = LAST.updateAndGet(prev -> Math.max(prev + 1, System.nanoTime()));
        return ProcessHandle.current().pid() + "#" + n;
    }

    /** The IP of this host: a site-local IPv4 address if any, else any non-loopback IPv4, else loopback. */
    public static String localIp() {
        String candidate = null;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        if (a.isSiteLocalAddress()) {
                            return a.getHostAddress();
                        }
                        candidate = a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return candidate != null ? candidate : "127.0.0.1";
    }
}
