package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.client.ClientChannelInfo;
import io.carrack.broker.internal.client.ConsumerGroupInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.schedule.ScheduleMessageService;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.Connection;
import io.carrack.remoting.protocol.body.ConsumeStats;
import io.carrack.remoting.protocol.body.ConsumerConnection;
import io.carrack.remoting.protocol.body.ProducerConnection;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import java.util.List;
import java.util.Set;

/**
 * Consumer-group administration and statistics, PROTOCOL.md sections 9.2, 9.5 and 9.7:
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200), GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201),
 * DELETE_SUBSCRIPTIONGROUP (207), GET_CONSUME_STATS (208), GET_CONSUMER_CONNECTION_LIST (203),
 * GET_PRODUCER_CONNECTION_LIST (204), GET_ALL_CONSUMER_OFFSET (43), GET_ALL_DELAY_OFFSET (45).
 *
 * <p>Thread safety: stateless.
 */
public final class GroupAdminProcessor implements RequestProcessor {
    private final BrokerContext ctx;
    private final ScheduleMessageService schedule;

    public GroupAdminProcessor(BrokerContext ctx, ScheduleMessageService schedule) {
        this.ctx = ctx;
        this.schedule = schedule;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> updateGroup(request);
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> ok(request).body(Json.toBytes(ctx.groups().snapshot()));
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> deleteGroup(request);
            case RequestCode.GET_CONSUME_STATS -> consumeStats(request);
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumerConnections(request);
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producerConnections(request);
            case RequestCode.GET_ALL_CONSUMER_OFFSET -> ok(request).body(Json.toBytes(ctx.offsets().snapshot()));
            case RequestCode.GET_ALL_DELAY_OFFSET -> ok(request).body(Json.toBytes(schedule.snapshot()));
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private static RemotingCommand ok(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand updateGroup(RemotingCommand request) {
        RemotingCommand refused = TopicAdminProcessor.refuseOnSlave(ctx, request);
        if (refused != null) {
            return refused;
        }
        SubscriptionGroupConfig c = Json.fromBytes(request.body(), SubscriptionGroupConfig.class);
        if (c == null || c.getGroupName() == null || c.getGroupName().isBlank()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "the group name is blank");
        }
        ctx.groups().update(c);
        return ok(request);
    }

    private RemotingCommand deleteGroup(RemotingCommand request) {
        RemotingCommand refused = TopicAdminProcessor.refuseOnSlave(ctx, request);
        if (refused != null) {
            return refused;
        }
        String group = request.requireField("groupName");
        ctx.groups().delete(group);
        if (request.booleanField("removeOffset", false)) {
            ctx.offsets().removeGroup(group);
        }
        return ok(request);
    }

    private RemotingCommand consumeStats(RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        String topic = request.field("topic");
        boolean allTopics = topic == null || topic.isBlank();
        Set<String> topics = allTopics ? ctx.offsets().topicsOfGroup(group) : Set.of(topic);
        ConsumeStats stats = new ConsumeStats();
        for (String t : topics) {
            TopicConfig tc = ctx.topics().select(t);
            if (tc == null || (allTopics && !ConsumeProgress.reported(ctx, group, tc))) {
                continue;
            }
            ConsumeProgress.addQueues(ctx, stats, group, t, tc.getReadQueueNums());
        }
        stats.setConsumeTps(ctx.stats().groupTps(group));
        return ok(request).body(Json.toBytes(stats));
    }

    private RemotingCommand consumerConnections(RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        ConsumerGroupInfo info = ctx.consumers().group(group);
        if (info == null || info.channels().isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.CONSUMER_NOT_ONLINE,
                    "the consumer group[" + group + "] not online");
        }
        ConsumerConnection cc = new ConsumerConnection();
        for (ClientChannelInfo i : info.channels().values()) {
            cc.getConnectionSet().add(connection(i));
        }
        cc.getSubscriptionTable().putAll(info.subscriptions());
        cc.setConsumeType(info.consumeType());
        cc.setMessageModel(info.messageModel());
        cc.setConsumeFromWhere(info.consumeFromWhere());
        return ok(request).body(Json.toBytes(cc));
    }

    private RemotingCommand producerConnections(RemotingCommand request) {
        String group = request.requireField("producerGroup");
        List<ClientChannelInfo> list = ctx.producers().connections(group);
        if (list.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "the producer group[" + group + "] not exist");
        }
        ProducerConnection pc = new ProducerConnection();
        for (ClientChannelInfo i : list) {
            pc.getConnectionSet().add(connection(i));
        }
        return ok(request).body(Json.toBytes(pc));
    }

    private static Connection connection(ClientChannelInfo i) {
        Connection c = new Connection();
        c.setClientId(i.clientId());
        c.setClientAddr(i.channel().remoteAddressText());
        c.setLanguage(i.language());
        c.setVersion(i.version());
        return c;
    }
}
