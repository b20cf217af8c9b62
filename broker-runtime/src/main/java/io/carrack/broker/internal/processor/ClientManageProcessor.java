package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.client.ClientChannelInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.PermName;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.CheckClientRequestBody;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEART_BEAT (34), UNREGISTER_CLIENT (35) and CHECK_CLIENT_CONFIG (46), PROTOCOL.md sections 7.2 and 7.8.
 * The first heartbeat of a consumer group creates its subscription group and its {@code %RETRY%}
 * topic (registered with the name servers at once).
 *
 * <p>Thread safety: stateless; called from the heartbeat and client executors.
 */
public final class ClientManageProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientManageProcessor.class);

    private final BrokerContext ctx;
    private final FilterCache filterCache;

    public ClientManageProcessor(BrokerContext ctx, FilterCache filterCache) {
        this.ctx = ctx;
        this.filterCache = filterCache;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.HEART_BEAT -> heartbeat(channel, request);
            case RequestCode.UNREGISTER_CLIENT -> unregister(channel, request);
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand heartbeat(RemoteChannel channel, RemotingCommand request) {
        HeartbeatData data = Json.fromBytes(request.body(), HeartbeatData.class);
        ClientChannelInfo info = new ClientChannelInfo(channel, data.getClientID(), request.language(),
                request.version(), ctx.clock().millis());
        for (ConsumerData cd : data.getConsumerDataSet()) {
            SubscriptionGroupConfig gc = ctx.groups().findOrCreate(cd.getGroupName());
            boolean notify = true;
            if (gc != null) {
                notify = gc.isNotifyConsumerIdsChangedEnable();
                ctx.topics().createIfAbsent(TopicValidator.retryTopic(cd.getGroupName()), gc.getRetryQueueNums(),
                        PermName.PERM_READ | PermName.PERM_WRITE, 0);
            }
            if (ctx.config().isEnablePropertyFilter()) {
                // Compiled here once per subscription version; pulls use the compiled filter, and one
                // that does not compile is answered SUBSCRIPTION_PARSE_FAILED on pull.
                filterCache.register(cd.getGroupName(), cd.getSubscriptionDataSet());
            }
            ctx.consumers().register(info, cd, notify && ctx.config().isNotifyConsumerIdsChangedEnable());
        }
        for (ProducerData pd : data.getProducerDataSet()) {
            ctx.producers().register(pd.getGroupName(), info);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand unregister(RemoteChannel channel, RemotingCommand request) {
        request.requireField("clientID");
        String producerGroup = request.field("producerGroup");
        String consumerGroup = request.field("consumerGroup");
        if (producerGroup != null) {
            ctx.producers().unregister(producerGroup, channel);
        }
        if (consumerGroup != null) {
            ctx.consumers().unregister(consumerGroup, channel);
            if (ctx.consumers().group(consumerGroup) == null) {
                filterCache.removeGroup(consumerGroup);
            }
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand checkClientConfig(RemotingCommand request) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        CheckClientRequestBody body = Json.fromBytes(request.body(), CheckClientRequestBody.class);
        SubscriptionData sub = body == null ? null : body.getSubscriptionData();
        if (sub == null || ExpressionType.isTagType(sub.getExpressionType())) {
            return response;
        }
        PropertyFilters.Refusal refused = PropertyFilters.refusal(ctx.config(), filterCache, sub.getExpressionType());
        if (refused != null) {
            return response.code(refused.code()).remark(refused.remark());
        }
        FilterCache.Compiled compiled = filterCache.compileFresh(sub);
        if (compiled.failed()) {
            LOG.info("client {} of group {}: {} subscription of topic {} refused: {}", body.getClientId(),
                    body.getGroup(), sub.getExpressionType(), sub.getTopic(), compiled.error());
            return response.code(ResponseCode.SUBSCRIPTION_PARSE_FAILED).remark(
                    PropertyFilters.checkFailure(sub, compiled.error()));
        }
        return response;
    }
}
