package io.carrack.broker.internal.client;

import io.carrack.remoting.RemoteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Producer groups and their live connections, for GET_PRODUCER_CONNECTION_LIST and transaction checks.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ProducerManager {
    private final ConcurrentMap<String, ConcurrentMap<RemoteChannel, ClientChannelInfo>> groups =
            new ConcurrentHashMap<>();

    /** Registers or refreshes a producer channel. */
    public void register(String group, ClientChannelInfo info) {
        groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(info.channel(), info);
    }

    /** Removes a channel from a group. */
    public void unregister(String group, RemoteChannel channel) {
        Map<RemoteChannel, ClientChannelInfo> m = groups.get(group);
        if (m != null) {
            m.remove(channel);
            if (m.isEmpty()) {
                groups.remove(group, m);
            }
        }
    }

    /** Removes a closed or expired channel from every group. */
    public void channelClosed(RemoteChannel channel) {
        for (Map.Entry<String, ConcurrentMap<RemoteChannel, ClientChannelInfo>> e : groups.entrySet()) {
            if (e.getValue().remove(channel) != null && e.getValue().isEmpty()) {
                groups.remove(e.getKey(), e.getValue());
            }
        }
    }

    /** Channels whose last heartbeat is older than {@code expireBefore}. */
    public List<RemoteChannel> expiredChannels(long expireBefore) {
        List<RemoteChannel> expired = new ArrayList<>();
        for (Map<RemoteChannel, ClientChannelInfo> m : groups.values()) {
            for (ClientChannelInfo i : m.values()) {
                if (i.lastUpdateTime() < expireBefore) {
                    expired.add(i.channel());
                }
            }
        }
        return expired;
    }

    /** The group's live connections; empty when none. */
    public List<ClientChannelInfo> connections(String group) {
        Map<RemoteChannel, ClientChannelInfo> m = groups.get(group);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    /** A live channel of the group, or null. */
    public ClientChannelInfo anyActive(String group) {
        for (ClientChannelInfo i : connections(group)) {
            if (i.channel().isActive()) {
                return i;
            }
        }
        return null;
    }
}
