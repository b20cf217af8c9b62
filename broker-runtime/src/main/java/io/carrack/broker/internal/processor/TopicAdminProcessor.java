package io.carrack.broker.internal.processor;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.TopicConfig;
import io.carrack.common.message.TopicFilterType;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.GroupList;
import io.carrack.remoting.protocol.body.TopicOffset;
import io.carrack.remoting.protocol.body.TopicStatsTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Topic administration, PROTOCOL.md section 9.2 and 9.5: UPDATE_AND_CREATE_TOPIC (17),
 * DELETE_TOPIC_IN_BROKER (215), GET_ALL_TOPIC_CONFIG (21), GET_TOPIC_STATS_INFO (202),
 * QUERY_TOPIC_CONSUME_BY_WHO (300), GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305, the system topics this broker
 * has, as {@code TopicList}).
 *
 * <p>Thread safety: stateless.
 */
public final class TopicAdminProcessor implements RequestProcessor {
    private final BrokerContext ctx;

    public TopicAdminProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> update(request);
            case RequestCode.DELETE_TOPIC_IN_BROKER -> delete(request);
            case RequestCode.GET_ALL_TOPIC_CONFIG -> RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .body(Json.toBytes(ctx.topics().snapshot()));
            case RequestCode.GET_TOPIC_STATS_INFO -> stats(request);
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request);
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER -> systemTopics(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    static RemotingCommand refuseOnSlave(BrokerContext ctx, RemotingCommand request) {
        if (ctx.config().getBrokerRole() == BrokerConfig.BrokerRole.SLAVE) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "Can't modify topic or subscription group from slave broker, please execute it from master broker.");
        }
        return null;
    }

    private RemotingCommand update(RemotingCommand request) {
        RemotingCommand refused = refuseOnSlave(ctx, request);
        if (refused != null) {
            return refused;
        }
        String topic = request.requireField("topic");
        String bad = TopicValidator.checkName(topic);
        if (bad != null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, bad);
        }
        if (ctx.topics().isSystemTopic(topic)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The topic[" + topic + "] is conflict with system topic.");
        }
        TopicConfig tc = new TopicConfig(topic, request.intField("readQueueNums"), request.intField("writeQueueNums"),
                request.intField("perm"));
        String filterType = request.field("topicFilterType");
        tc.setTopicFilterType(filterType == null ? TopicFilterType.SINGLE_TAG : TopicFilterType.valueOf(filterType));
        tc.setTopicSysFlag(request.intField("topicSysFlag", 0));
        tc.setOrder(request.booleanField("order", false));
        ctx.topics().update(tc);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand delete(RemotingCommand request) {
        RemotingCommand refused = refuseOnSlave(ctx, request);
        if (refused != null) {
            return refused;
        }
        String topic = request.requireField("topic");
        if (ctx.topics().isSystemTopic(topic)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The topic[" + topic + "] is conflict with system topic.");
        }
        ctx.topics().delete(topic);
        ctx.store().deleteTopics(Set.of(topic));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand stats(RemotingCommand request) {
        String topic = request.requireField("topic");
        TopicConfig tc = ctx.topics().select(topic);
        if (tc == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic + "] not exist");
        }
        TopicStatsTable table = new TopicStatsTable();
        for (int q = 0; q < tc.getWriteQueueNums(); q++) {
            TopicOffset o = new TopicOffset();
            long max = ctx.store().maxOffset(topic, q);
            o.setMinOffset(Math.max(0, ctx.store().minOffset(topic, q)));
            o.setMaxOffset(Math.max(0, max));
            o.setLastUpdateTimestamp(max > 0 ? Math.max(0, ctx.store().storeTimestamp(topic, q, max - 1)) : 0);
            table.getOffsetTable().put(new MessageQueue(topic, ctx.config().getBrokerName(), q), o);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(table));
    }

    private RemotingCommand consumedBy(RemotingCommand request) {
        String topic = request.requireField("topic");
        Set<String> groups = new HashSet<>(ctx.consumers().groupsOfTopic(topic));
        groups.addAll(ctx.offsets().groupsOfTopic(topic));
        GroupList list = new GroupList();
        list.setGroupList(groups);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(list));
    }

    private RemotingCommand systemTopics(RemotingCommand request) {
        Set<String> system = new TreeSet<>();
        for (String topic : ctx.topics().topicNames()) {
            if (ctx.topics().isSystemTopic(topic)) {
                system.add(topic);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topicList", system);
        body.put("brokerAddr", ctx.brokerAddr());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(body));
    }
}
