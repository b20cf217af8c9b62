package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.support.PropertyText;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.broker.internal.transaction.HalfMessages;
import io.carrack.broker.internal.transaction.TransactionLog;
import io.carrack.common.message.BatchMessageCodec;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageProperties;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.PermName;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.common.message.TopicConfig;
import io.carrack.common.message.TopicFilterType;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import io.carrack.spi.store.PutResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320), PROTOCOL.md sections 6.1
 * and 6.2: checks, topic auto-creation, retry-to-DLQ routing, delay routing, then the put and its
 * status mapped to a response code.
 *
 * <p>Thread safety: stateless; called from the send executor.
 */
public final class SendMessageProcessor implements RequestProcessor {
    /** Client version V3_4_9: from it on, {@code maxReconsumeTimes} in the header is honoured. */
    static final int V3_4_9 = 121;
    private static final int DLQ_NUMS_PER_GROUP = 1;

    private final BrokerContext ctx;
    private final MessageWriter writer;
    private final TransactionLog transactions;

    public SendMessageProcessor(BrokerContext ctx, MessageWriter writer, TransactionLog transactions) {
        this.ctx = ctx;
        this.writer = writer;
        this.transactions = transactions;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        SendHeader h = SendHeader.of(request);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        // MSG_REGION and TRACE_ON make extFields non-null, which the client requires
        response.field(MessageConst.MSG_REGION, ctx.config().getRegionId());
        response.field(MessageConst.TRACE_SWITCH, Boolean.toString(ctx.config().isTraceOn()));
        if (ctx.clock().millis() < ctx.config().getStartAcceptSendRequestTimeStamp()) {
            return response.remark("broker unable to service, until " + ctx.config().getStartAcceptSendRequestTimeStamp());
        }
        TopicConfig tc = checkAndFindTopic(channel, h, response);
        if (tc == null) {
            return response;
        }
        int queueId = h.queueId();
        if (queueId < 0) {
            queueId = ThreadLocalRandom.current().nextInt(Math.max(1, tc.getWriteQueueNums()));
        }
        if (request.code() == RequestCode.SEND_BATCH_MESSAGE || h.batch()) {
            return sendBatch(channel, request, h, tc, queueId, response);
        }
        return sendOne(channel, request, h, tc, queueId, response);
    }

    private TopicConfig checkAndFindTopic(RemoteChannel channel, SendHeader h, RemotingCommand response) {
        String topic = h.topic();
        String bad = TopicValidator.checkName(topic);
        if (bad != null) {
            response.code(ResponseCode.SYSTEM_ERROR).remark(bad);
            return null;
        }
        if (TopicValidator.isNotAllowedSend(topic)) {
            response.code(ResponseCode.NO_PERMISSION).remark("Sending message to topic[" + topic + "] is forbidden.");
            return null;
        }
        TopicConfig tc = ctx.topics().select(topic);
        if (tc != null && tc.isOrder() && !PermName.isWriteable(ctx.config().getBrokerPermission())) {
            response.code(ResponseCode.NO_PERMISSION).remark("the broker[" + ctx.brokerAddr()
                    + "] sending message is forbidden");
            return null;
        }
        if (tc == null) {
            tc = ctx.topics().createInSendMessage(topic, h.defaultTopic(), h.defaultTopicQueueNums(), 0);
            if (tc == null && TopicValidator.isRetryTopic(topic)) {
                tc = ctx.topics().createIfAbsent(topic, 1, PermName.PERM_READ | PermName.PERM_WRITE, 0);
            }
            if (tc == null) {
                response.code(ResponseCode.TOPIC_NOT_EXIST).remark("topic[" + topic
                        + "] not exist, apply first please! http://rocketmq.apache.org/docs/faq/");
                return null;
            }
        }
        int maxQueueId = Math.max(tc.getWriteQueueNums(), tc.getReadQueueNums());
        if (h.queueId() >= maxQueueId) {
            response.code(ResponseCode.SYSTEM_ERROR).remark(String.format("request queueId[%d] is illegal, %s Producer: %s",
                    h.queueId(), tc, channel.remoteAddressText()));
            return null;
        }
        return tc;
    }

    private RemotingCommand sendOne(RemoteChannel channel, RemotingCommand request, SendHeader h, TopicConfig tc,
                                    int queueId, RemotingCommand response) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > ctx.config().getMaxMessageSize()) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("the message body size " + body.length
                    + " exceeds maxMessageSize " + ctx.config().getMaxMessageSize());
        }
        BrokerMessage m = new BrokerMessage().topic(h.topic()).queueId(queueId).body(body).flag(h.flag())
                .bornTimestamp(h.bornTimestamp()).bornHost(channel.remoteAddress()).storeHost(ctx.storeHost())
                .reconsumeTimes(h.reconsumeTimes()).sysFlag(h.sysFlag());
        if (!handleRetryAndDlq(request, h, m, response)) {
            return response;
        }
        boolean half = Boolean.parseBoolean(MessageProperties.find(h.properties(), MessageConst.TRANSACTION_PREPARED));
        if (half && ctx.config().isRejectTransactionMessage()) {
            return response.code(ResponseCode.NO_PERMISSION).remark("the broker[" + ctx.brokerAddr()
                    + "] sending transaction message is forbidden");
        }
        // WAIT only steers the reply; it is not stored for single sends. The text is edited in place when
        // it is well formed (nearly always), else decoded, changed and encoded again.
        String stored = PropertyText.forStore(h.properties(), ctx.config().getBrokerClusterName());
        if (stored != null) {
            m.propertiesString(stored);
        } else {
            Map<String, String> props = MessageProperties.decode(h.properties());
            props.put(MessageConst.CLUSTER, ctx.config().getBrokerClusterName());
            props.remove(MessageConst.WAIT_STORE_MSG_OK);
            m.properties(props);
        }
        if (m.propertiesBytes().length > StoredMessageDescriptor.MAX_PROPERTIES_LENGTH) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("the message properties size exceeds "
                    + StoredMessageDescriptor.MAX_PROPERTIES_LENGTH);
        }
        if (tc.getTopicFilterType() == TopicFilterType.MULTI_TAG) {
            m.sysFlag(m.sysFlag() | MessageSysFlag.MULTI_TAGS_FLAG);
        }
        m.tagsCode(MessageWriter.tagsCode(m));
        if (half) {
            // parked in the half topic until END_TRANSACTION; queueOffset answers the half-queue offset
            transactions.ensureTopics();
            HalfMessages.toHalf(m);
        }
        PutResult r = writer.put(m);
        if (!PutStatusCodes.apply(r.status(), response)) {
            return response;
        }
        response.field("msgId", MessageIds.offsetId(ctx.storeHost(), r.physicalOffset()));
        response.field("queueId", queueId);
        response.field("queueOffset", r.queueOffset());
        return response;
    }

    /** Routes a message for a %RETRY% topic to the DLQ after too many attempts; false when refused. */
    private boolean handleRetryAndDlq(RemotingCommand request, SendHeader h, BrokerMessage m,
                                      RemotingCommand response) {
        String topic = h.topic();
        if (!TopicValidator.isRetryTopic(topic)) {
            return true;
        }
        String group = topic.substring(TopicValidator.RETRY_GROUP_TOPIC_PREFIX.length());
        SubscriptionGroupConfig gc = ctx.groups().findOrCreate(group);
        if (gc == null) {
            response.code(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST).remark("subscription group not exist, " + group
                    + " http://rocketmq.apache.org/docs/faq/");
            return false;
        }
        int max = gc.getRetryMaxTimes();
        if (request.version() >= V3_4_9 && h.maxReconsumeTimes() != null) {
            max = h.maxReconsumeTimes();
        }
        if (h.reconsumeTimes() >= max) {
            String dlq = TopicValidator.dlqTopic(group);
            TopicConfig dlqConfig = ctx.topics().createIfAbsent(dlq, DLQ_NUMS_PER_GROUP,
                    PermName.PERM_READ | PermName.PERM_WRITE, 0);
            if (dlqConfig == null) {
                response.code(ResponseCode.SYSTEM_ERROR).remark("topic[" + dlq + "] not exist");
                return false;
            }
            m.topic(dlq).queueId(ThreadLocalRandom.current().nextInt(DLQ_NUMS_PER_GROUP));
        }
        return true;
    }

    private RemotingCommand sendBatch(RemoteChannel channel, RemotingCommand request, SendHeader h, TopicConfig tc,
                                      int queueId, RemotingCommand response) {
        if (TopicValidator.isRetryTopic(h.topic())) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("batch request does not support retry group "
                    + h.topic());
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > ctx.config().getMaxMessageSize()) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("the batch body size " + body.length
                    + " exceeds maxMessageSize " + ctx.config().getMaxMessageSize());
        }
        List<BatchMessageCodec.Entry> entries;
        try {
            entries = BatchMessageCodec.decode(java.nio.ByteBuffer.wrap(body));
        } catch (IllegalArgumentException e) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark(e.getMessage());
        }
        if (entries.isEmpty()) {
            return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("the batch is empty");
        }
        Map<String, String> batchProps = new LinkedHashMap<>(MessageProperties.decode(h.properties()));
        batchProps.put(MessageConst.CLUSTER, ctx.config().getBrokerClusterName());
        String batchText = MessageProperties.encode(batchProps);
        int sysFlag = h.sysFlag();
        if (tc.getTopicFilterType() == TopicFilterType.MULTI_TAG) {
            sysFlag |= MessageSysFlag.MULTI_TAGS_FLAG;
        }
        List<BrokerMessage> messages = new ArrayList<>(entries.size());
        for (BatchMessageCodec.Entry e : entries) {
            String own = e.properties();
            String text = own.isEmpty() ? batchText : batchText.isEmpty() ? own
                    : own + MessageConst.PROPERTY_SEPARATOR + batchText;
            BrokerMessage m = new BrokerMessage().topic(h.topic()).queueId(queueId).body(e.body()).flag(e.flag())
                    .bornTimestamp(h.bornTimestamp()).bornHost(channel.remoteAddress()).storeHost(ctx.storeHost())
                    .reconsumeTimes(h.reconsumeTimes()).sysFlag(sysFlag).propertiesString(text);
            if (m.property(MessageConst.DELAY_TIME_LEVEL) != null
                    && !"0".equals(m.property(MessageConst.DELAY_TIME_LEVEL))) {
                return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("batch messages cannot be delayed");
            }
            if (Boolean.parseBoolean(m.property(MessageConst.TRANSACTION_PREPARED))
                    || MessageSysFlag.transactionType(sysFlag) != MessageSysFlag.TRANSACTION_NOT_TYPE) {
                return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("batch messages cannot be transactional");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > StoredMessageDescriptor.MAX_PROPERTIES_LENGTH) {
                return response.code(ResponseCode.MESSAGE_ILLEGAL).remark("the message properties size exceeds "
                        + StoredMessageDescriptor.MAX_PROPERTIES_LENGTH);
            }
            m.tagsCode(MessageWriter.tagsCode(m));
            messages.add(m);
        }
        PutResult r = writer.putBatch(messages);
        if (!PutStatusCodes.apply(r.status(), response)) {
            return response;
        }
        StringBuilder ids = new StringBuilder(messages.size() * 33);
        long physical = r.physicalOffset();
        for (BrokerMessage m : messages) {
            if (ids.length() > 0) {
                ids.append(',');
            }
            ids.append(MessageIds.offsetId(ctx.storeHost(), physical));
            physical += StoredMessageCodec.encodedLength(m);
        }
        response.field("msgId", ids.toString());
        response.field("queueId", queueId);
        response.field("queueOffset", r.queueOffset());
        return response;
    }
}
