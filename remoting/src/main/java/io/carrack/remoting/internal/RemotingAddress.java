package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingConnectException;
import java.net.InetSocketAddress;

/** Parses {@code host:port} addresses as RocketMQ writes them (IPv6 hosts may be bracketed). */
final class RemotingAddress {
    private RemotingAddress() {
    }

    /**
     * An unresolved socket address for {@code host:port}.
     *
     * @throws RemotingConnectException if the text is not {@code host:port}
     */
    static InetSocketAddress parse(String address) {
        if (address == null) {
            throw new RemotingConnectException("no address given");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new RemotingConnectException("address is not host:port: " + address);
        }
        String host = address.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new RemotingConnectException("address has a bad port: " + address);
        }
        if (port < 0 || port > 65535) {
            throw new RemotingConnectException("address has a bad port: " + address);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
