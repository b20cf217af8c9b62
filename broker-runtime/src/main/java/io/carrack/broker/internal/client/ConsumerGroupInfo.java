package io.carrack.broker.internal.client;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.protocol.body.ConsumeFromWhere;
import io.carrack.remoting.protocol.body.ConsumeType;
import io.carrack.remoting.protocol.body.MessageModel;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live members of one consumer group and the group's subscriptions (the latest heartbeat wins).
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ConsumerGroupInfo {
    private final String groupName;
    private final ConcurrentMap<RemoteChannel, ClientChannelInfo> channels = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private volatile ConsumeType consumeType;
    private volatile MessageModel messageModel;
    private volatile ConsumeFromWhere consumeFromWhere;
    private volatile long lastUpdateTime;

    ConsumerGroupInfo(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    /** Adds or refreshes a member; true if it is new (or its client id changed). */
    boolean updateChannel(ClientChannelInfo info, ConsumeType type, MessageModel model, ConsumeFromWhere from) {
        this.consumeType = type;
        this.messageModel = model;
        this.consumeFromWhere = from;
        this.lastUpdateTime = info.lastUpdateTime();
        ClientChannelInfo old = channels.put(info.channel(), info);
        return old == null || !old.clientId().equals(info.clientId());
    }

    /** Replaces the subscriptions; true if any topic was added or removed or an expression changed. */
    boolean updateSubscriptions(Set<SubscriptionData> subs) {
        boolean changed = false;
        for (SubscriptionData s : subs) {
            SubscriptionData old = subscriptions.get(s.getTopic());
            if (old == null) {
                subscriptions.put(s.getTopic(), s);
                changed = true;
            } else if (s.getSubVersion() > old.getSubVersion()) {
                if (!java.util.Objects.equals(old.getSubString(), s.getSubString())
                        || !java.util.Objects.equals(old.getExpressionType(), s.getExpressionType())) {
                    changed = true;
                }
                subscriptions.put(s.getTopic(), s);
            }
        }
        java.util.Set<String> topics = new java.util.HashSet<>();
        for (SubscriptionData s : subs) {
            topics.add(s.getTopic());
        }
        if (subscriptions.keySet().removeIf(t -> !topics.contains(t))) {
            changed = true;
        }
        return changed;
    }

    /** Removes a member; true if it was one. */
    boolean removeChannel(RemoteChannel channel) {
        return channels.remove(channel) != null;
    }

    public ClientChannelInfo channelInfo(RemoteChannel channel) {
        return channels.get(channel);
    }

    public Map<RemoteChannel, ClientChannelInfo> channels() {
        return channels;
    }

    /** Client ids of the live members. */
    public List<String> clientIds() {
        List<String> ids = new ArrayList<>(channels.size());
        for (ClientChannelInfo i : channels.values()) {
            ids.add(i.clientId());
        }
        return ids;
    }

    public SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public Map<String, SubscriptionData> subscriptions() {
        return subscriptions;
    }

    public ConsumeType consumeType() {
        return consumeType;
    }

    public MessageModel messageModel() {
        return messageModel;
    }

    public ConsumeFromWhere consumeFromWhere() {
        return consumeFromWhere;
    }

    public long lastUpdateTime() {
        return lastUpdateTime;
    }
}
