package io.carrack.namesrv.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.protocol.route.DataVersion;

/**
 * What the name server knows about one registered broker address: when it last registered, the
 * version of its topic table, its connection and its HA address.
 *
 * <p>Thread safety: guarded by the {@link RouteTable} lock.
 */
final class BrokerLiveInfo {
    private long lastUpdateMillis;
    private final DataVersion dataVersion;
    private final RemoteChannel channel;
    private final String haServerAddr;

    BrokerLiveInfo(long lastUpdateMillis, DataVersion dataVersion, RemoteChannel channel, String haServerAddr) {
        this.lastUpdateMillis = lastUpdateMillis;
        this.dataVersion = dataVersion;
        this.channel = channel;
        this.haServerAddr = haServerAddr;
    }

    long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    void touch(long nowMillis) {
        lastUpdateMillis = nowMillis;
    }

    DataVersion dataVersion() {
        return dataVersion;
    }

    RemoteChannel channel() {
        return channel;
    }

    String haServerAddr() {
        return haServerAddr;
    }

    /** Whether {@code other} is this broker's connection: the same object or the same socket pair. */
    boolean isChannel(RemoteChannel other) {
        if (channel == null || other == null) {
            return false;
        }
        if (channel == other || channel.equals(other)) {
            return true;
        }
        return channel.remoteAddress() != null && channel.remoteAddress().equals(other.remoteAddress())
                && channel.localAddress() != null && channel.localAddress().equals(other.localAddress());
    }

    @Override
    public String toString() {
        return "BrokerLiveInfo[lastUpdateMillis=" + lastUpdateMillis + ", dataVersion=" + dataVersion
                + ", haServerAddr=" + haServerAddr + "]";
    }
}
