package io.carrack.broker.internal.processor;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.client.ConsumerGroupInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.filter.PropertyMessageFilter;
import io.carrack.broker.internal.filter.RetryPropertyMessageFilter;
import io.carrack.broker.internal.filter.TagMessageFilter;
import io.carrack.broker.internal.longpolling.PullRequestHoldService;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.PermName;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.MessageModel;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_MESSAGE (11), PROTOCOL.md sections 7.1 and 13.4: permission and subscription checks, the read
 * with a tag or property filter, status mapping, commit-offset piggyback, and long polling of pulls
 * that found nothing.
 *
 * <p>Thread safety: stateless apart from the shared services; called from the pull executor.
 */
public final class PullMessageProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);
    static final int FLAG_COMMIT_OFFSET = 0x1;
    static final int FLAG_SUSPEND = 0x2;
    static final int FLAG_SUBSCRIPTION = 0x4;
    /** Answer a held pull this much before the client's own suspend time ends. */
    private static final long HOLD_MARGIN_MILLIS = 50;

    private final BrokerContext ctx;
    private final PullRequestHoldService hold;
    private final FilterCache filterCache;

    public PullMessageProcessor(BrokerContext ctx, PullRequestHoldService hold, FilterCache filterCache) {
        this.ctx = ctx;
        this.hold = hold;
        this.filterCache = filterCache;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return process(channel, request, true);
    }

    /** Re-runs a held pull and writes its answer. */
    public void rerun(RemoteChannel channel, RemotingCommand request) {
        try {
            RemotingCommand response = process(channel, request, false);
            if (response != null && channel.isActive()) {
                channel.write(response);
            }
        } catch (RuntimeException e) {
            LOG.warn("held pull failed on re-run: {}", e.toString());
            channel.write(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.toString()));
        }
    }

    private RemotingCommand process(RemoteChannel channel, RemotingCommand request, boolean allowSuspend) {
        String group = request.requireField("consumerGroup");
        String topic = request.requireField("topic");
        int queueId = request.intField("queueId");
        long offset = request.longField("queueOffset");
        int maxMsgNums = request.intField("maxMsgNums");
        int sysFlag = request.intField("sysFlag");
        long commitOffset = request.longField("commitOffset", 0);
        long suspendTimeout = request.longField("suspendTimeoutMillis", 0);
        long subVersion = request.longField("subVersion", 0);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        BrokerConfig config = ctx.config();

        if (!PermName.isReadable(config.getBrokerPermission())) {
            return response.code(ResponseCode.NO_PERMISSION).remark("the broker[" + ctx.brokerAddr()
                    + "] pulling message is forbidden");
        }
        SubscriptionGroupConfig gc = ctx.groups().findOrCreate(group);
        if (gc == null) {
            return response.code(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST).remark("subscription group [" + group
                    + "] does not exist, http://rocketmq.apache.org/docs/faq/");
        }
        if (!gc.isConsumeEnable()) {
            return response.code(ResponseCode.NO_PERMISSION).remark("subscription group no permission, " + group);
        }
        boolean hasSuspend = (sysFlag & FLAG_SUSPEND) != 0;
        boolean hasCommitOffset = (sysFlag & FLAG_COMMIT_OFFSET) != 0;
        boolean hasSubscription = (sysFlag & FLAG_SUBSCRIPTION) != 0;
        TopicConfig tc = ctx.topics().select(topic);
        if (tc == null) {
            return response.code(ResponseCode.TOPIC_NOT_EXIST).remark("topic[" + topic
                    + "] not exist, apply first please! http://rocketmq.apache.org/docs/faq/");
        }
        if (!PermName.isReadable(tc.getPerm())) {
            return response.code(ResponseCode.NO_PERMISSION).remark("the topic[" + topic + "] pulling message is forbidden");
        }
        if (queueId < 0 || queueId >= tc.getReadQueueNums()) {
            return response.code(ResponseCode.SYSTEM_ERROR).remark(String.format(
                    "queueId[%d] is illegal, topic:[%s] topicConfig.readQueueNums:[%d] consumer:[%s]", queueId, topic,
                    tc.getReadQueueNums(), channel.remoteAddressText()));
        }

        SubscriptionData sub;
        if (hasSubscription) {
            sub = SubscriptionData.of(topic, request.field("subscription"), request.field("expressionType"), subVersion);
        } else {
            ConsumerGroupInfo info = ctx.consumers().group(group);
            if (info == null) {
                return response.code(ResponseCode.SUBSCRIPTION_NOT_EXIST).remark("the consumer's group info not exist");
            }
            if (!gc.isConsumeBroadcastEnable() && info.messageModel() == MessageModel.BROADCASTING) {
                return response.code(ResponseCode.NO_PERMISSION).remark("the consumer group[" + group
                        + "] can not consume by broadcast way");
            }
            sub = info.subscription(topic);
            if (sub == null) {
                return response.code(ResponseCode.SUBSCRIPTION_NOT_EXIST).remark("the consumer's subscription not exist");
            }
            if (sub.getSubVersion() < subVersion) {
                return response.code(ResponseCode.SUBSCRIPTION_NOT_LATEST).remark("the consumer's subscription not latest");
            }
        }
        MessageFilter filter;
        if (ExpressionType.isTagType(sub.getExpressionType())) {
            filter = TagMessageFilter.of(sub);
            if (config.isFilterSupportRetry() && TopicValidator.isRetryTopic(topic)) {
                filter = new RetryPropertyMessageFilter(filter, realTopic -> filterCache.filterOf(group, realTopic));
            }
        } else {
            PropertyFilters.Refusal refused = PropertyFilters.refusal(config, filterCache, sub.getExpressionType());
            if (refused != null) {
                return response.code(refused.code()).remark(refused.remark());
            }
            FilterCache.Compiled compiled = hasSubscription ? filterCache.compileFresh(sub)
                    : filterCache.registered(group, topic);
            if (compiled == null) {
                return response.code(ResponseCode.FILTER_DATA_NOT_EXIST).remark("The broker's consumer filter data is "
                        + "not exist!Your expression may be wrong!");
            }
            if (!hasSubscription && compiled.version() < subVersion) {
                return response.code(ResponseCode.FILTER_DATA_NOT_LATEST).remark("the consumer's consumer filter data "
                        + "not latest");
            }
            if (compiled.failed()) {
                return response.code(ResponseCode.SUBSCRIPTION_PARSE_FAILED).remark(PropertyFilters.parseFailure(
                        group, sub, compiled.error()));
            }
            filter = hasSubscription ? new PropertyMessageFilter(compiled.filter())
                    : filterCache.messageFilter(group, topic, compiled);
        }

        long suggestBrokerId = config.isSlaveReadEnable() ? gc.getBrokerId() : 0;
        response.field("suggestWhichBrokerId", suggestBrokerId);
        try (GetResult r = ctx.store().get(topic, queueId, offset, maxMsgNums, filter)) {
            long min = r.minOffset();
            long max = r.maxOffset();
            long next = nextBeginOffset(r.status(), offset, r.nextBeginOffset(), min, max);
            response.field("nextBeginOffset", next).field("minOffset", min).field("maxOffset", max);
            response.remark(r.status().name());
            int code = codeOf(r.status(), offset);
            response.code(code);
            if (code == ResponseCode.SUCCESS) {
                response.body(concat(r.messages(), r.totalBytes()));
                ctx.stats().onGet(group, r.messages().size());
            } else {
                ctx.stats().onGet(group, 0);
            }
            if (code == ResponseCode.PULL_NOT_FOUND && allowSuspend && hasSuspend) {
                long holdMillis = config.isLongPollingEnable()
                        ? Math.max(1, suspendTimeout - HOLD_MARGIN_MILLIS) : config.getShortPollingTimeMills();
                commitIfAsked(allowSuspend, hasCommitOffset, group, topic, queueId, commitOffset);
                hold.hold(channel, request, topic, queueId, offset, filter, holdMillis);
                return null;
            }
        }
        commitIfAsked(allowSuspend, hasCommitOffset, group, topic, queueId, commitOffset);
        return response;
    }

    private void commitIfAsked(boolean allowSuspend, boolean hasCommitOffset, String group, String topic, int queueId,
                               long commitOffset) {
        if (allowSuspend && hasCommitOffset && ctx.config().getBrokerRole() != BrokerConfig.BrokerRole.SLAVE) {
            ctx.offsets().commit(group, topic, queueId, commitOffset);
        }
    }

    /** The response code of a store status (PROTOCOL.md section 7.1). */
    static int codeOf(GetStatus status, long offset) {
        return switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case MESSAGE_WAS_REMOVING, NO_MATCHED_MESSAGE -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE -> offset != 0 ? ResponseCode.PULL_OFFSET_MOVED
                    : ResponseCode.PULL_NOT_FOUND;
            case OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE -> ResponseCode.PULL_NOT_FOUND;
            case OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL -> ResponseCode.PULL_OFFSET_MOVED;
        };
    }

    /** RocketMQ's next offset for each status, whatever the store suggested for the illegal ones. */
    static long nextBeginOffset(GetStatus status, long offset, long storeNext, long min, long max) {
        return switch (status) {
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE -> 0;
            case OFFSET_TOO_SMALL -> min;
            case OFFSET_OVERFLOW_ONE -> offset;
            case OFFSET_OVERFLOW_BADLY -> min == 0 ? min : max;
            default -> storeNext;
        };
    }

    private static byte[] concat(List<ByteBuffer> messages, int total) {
        byte[] out = new byte[total];
        int pos = 0;
        for (ByteBuffer b : messages) {
            int n = b.remaining();
            b.duplicate().get(out, pos, n);
            pos += n;
        }
        return out;
    }
}
