package io.carrack.broker.internal.client;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer groups and their live members. Membership changes are pushed to the group's members with
 * NOTIFY_CONSUMER_IDS_CHANGED (oneway) so that they rebalance at once.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ConsumerManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerManager.class);

    private final ConcurrentMap<String, ConsumerGroupInfo> groups = new ConcurrentHashMap<>();
    private final Function<String, SubscriptionGroupConfig> groupConfigs;

    /** @param groupConfigs finds a group's config (for {@code notifyConsumerIdsChangedEnable}), or null */
    public ConsumerManager(Function<String, SubscriptionGroupConfig> groupConfigs) {
        this.groupConfigs = groupConfigs;
    }

    /** Registers a heartbeat of one consumer group; notifies the group when membership or subscriptions changed. */
    public void register(ClientChannelInfo info, ConsumerData data, boolean notifyEnabled) {
        ConsumerGroupInfo g = groups.computeIfAbsent(data.getGroupName(), ConsumerGroupInfo::new);
        boolean changed = g.updateChannel(info, data.getConsumeType(), data.getMessageModel(),
                data.getConsumeFromWhere());
        boolean subsChanged = g.updateSubscriptions(data.getSubscriptionDataSet());
        if (changed) {
            LOG.info("consumer {} joined group {} from {}", info.clientId(), data.getGroupName(),
                    info.channel().remoteAddressText());
        }
        if ((changed || subsChanged) && notifyEnabled) {
            notifyIdsChanged(g);
        }
    }

    /** Removes a client from a group (UNREGISTER_CLIENT). */
    public void unregister(String group, RemoteChannel channel) {
        ConsumerGroupInfo g = groups.get(group);
        if (g != null && g.removeChannel(channel)) {
            LOG.info("consumer left group {} from {}", group, channel.remoteAddressText());
            removeIfEmpty(g);
            notifyIfEnabled(g);
        }
    }

    /** Removes a closed or expired channel from every group. */
    public void channelClosed(RemoteChannel channel) {
        for (ConsumerGroupInfo g : groups.values()) {
            if (g.removeChannel(channel)) {
                LOG.info("consumer channel {} of group {} closed", channel.remoteAddressText(), g.groupName());
                removeIfEmpty(g);
                notifyIfEnabled(g);
            }
        }
    }

    /** Channels whose last heartbeat is older than {@code expireBefore}. */
    public List<RemoteChannel> expiredChannels(long expireBefore) {
        List<RemoteChannel> expired = new ArrayList<>();
        for (ConsumerGroupInfo g : groups.values()) {
            for (ClientChannelInfo i : g.channels().values()) {
                if (i.lastUpdateTime() < expireBefore) {
                    expired.add(i.channel());
                }
            }
        }
        return expired;
    }

    /** The group, or null when it has no live member. */
    public ConsumerGroupInfo group(String group) {
        return groups.get(group);
    }

    /** Names of groups with live members. */
    public Set<String> groupNames() {
        return new HashSet<>(groups.keySet());
    }

    /** Groups online whose subscriptions include the topic. */
    public Set<String> groupsOfTopic(String topic) {
        Set<String> out = new HashSet<>();
        groups.forEach((name, g) -> {
            if (g.subscription(topic) != null) {
                out.add(name);
            }
        });
        return out;
    }

    private void removeIfEmpty(ConsumerGroupInfo g) {
        if (g.channels().isEmpty()) {
            groups.remove(g.groupName(), g);
        }
    }

    private void notifyIfEnabled(ConsumerGroupInfo g) {
        SubscriptionGroupConfig c = groupConfigs.apply(g.groupName());
        if (c == null || c.isNotifyConsumerIdsChangedEnable()) {
            notifyIdsChanged(g);
        }
    }

    private void notifyIdsChanged(ConsumerGroupInfo g) {
        for (RemoteChannel ch : g.channels().keySet()) {
            if (!ch.isActive()) {
                continue;
            }
            RemotingCommand cmd = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                    .field("consumerGroup", g.groupName()).markOneway();
            try {
                ch.invokeOneway(cmd);
            } catch (RuntimeException e) {
                LOG.warn("cannot notify {} of group {} change: {}", ch.remoteAddressText(), g.groupName(), e.toString());
            }
        }
    }
}
