package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.PermName;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import io.carrack.spi.store.PutResult;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CONSUMER_SEND_MSG_BACK (36), PROTOCOL.md sections 7.6 and 13.9: a message the consumer failed goes
 * to {@code %RETRY%group} with delay level {@code 3 + reconsumeTimes} (or the requested level), or to
 * {@code %DLQ%group} after {@code maxReconsumeTimes} attempts or when the level is negative.
 *
 * <p>Thread safety: stateless.
 */
public final class SendBackProcessor implements RequestProcessor {
    private static final int DLQ_NUMS_PER_GROUP = 1;

    private final BrokerContext ctx;
    private final MessageWriter writer;

    public SendBackProcessor(BrokerContext ctx, MessageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        long offset = request.longField("offset");
        String group = request.requireField("group");
        int delayLevel = request.intField("delayLevel");
        String maxText = request.field("maxReconsumeTimes");
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        SubscriptionGroupConfig gc = ctx.groups().findOrCreate(group);
        if (gc == null) {
            return response.code(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST).remark("subscription group not exist, "
                    + group + " http://rocketmq.apache.org/docs/faq/");
        }
        if (!PermName.isWriteable(ctx.config().getBrokerPermission())) {
            return response.code(ResponseCode.NO_PERMISSION).remark("the broker[" + ctx.brokerAddr()
                    + "] sending message is forbidden");
        }
        if (gc.getRetryQueueNums() <= 0) {
            return response.code(ResponseCode.SUCCESS);
        }
        String topic = TopicValidator.retryTopic(group);
        int queueId = ThreadLocalRandom.current().nextInt(gc.getRetryQueueNums());
        TopicConfig tc = ctx.topics().createIfAbsent(topic, gc.getRetryQueueNums(),
                PermName.PERM_READ | PermName.PERM_WRITE, 0);
        if (!PermName.isWriteable(tc.getPerm())) {
            return response.code(ResponseCode.NO_PERMISSION).remark("the topic[" + topic + "] sending message is forbidden");
        }
        Optional<ByteBuffer> record = ctx.store().read(offset);
        if (record.isEmpty()) {
            return response.remark("look message by offset failed, " + offset);
        }
        StoredMessage original = StoredMessageCodec.decode(record.get().duplicate());
        Map<String, String> props = new LinkedHashMap<>(original.properties());
        props.putIfAbsent(MessageConst.RETRY_TOPIC, original.topic());
        props.put(MessageConst.WAIT_STORE_MSG_OK, "false");
        int max = gc.getRetryMaxTimes();
        if (request.version() >= SendMessageProcessor.V3_4_9 && maxText != null) {
            max = Integer.parseInt(maxText.trim());
        }
        if (original.reconsumeTimes() >= max || delayLevel < 0) {
            topic = TopicValidator.dlqTopic(group);
            queueId = ThreadLocalRandom.current().nextInt(DLQ_NUMS_PER_GROUP);
            ctx.topics().createIfAbsent(topic, DLQ_NUMS_PER_GROUP, PermName.PERM_READ | PermName.PERM_WRITE, 0);
            props.remove(MessageConst.DELAY_TIME_LEVEL);
        } else {
            if (delayLevel == 0) {
                delayLevel = 3 + original.reconsumeTimes();
            }
            props.put(MessageConst.DELAY_TIME_LEVEL, Integer.toString(delayLevel));
        }
        String originId = props.get(MessageConst.ORIGIN_MESSAGE_ID);
        if (originId == null || originId.isBlank()) {
            props.put(MessageConst.ORIGIN_MESSAGE_ID, original.offsetMessageId());
        }
        BrokerMessage m = new BrokerMessage().topic(topic).queueId(queueId).body(original.body())
                .flag(original.flag()).sysFlag(original.sysFlag()).bornTimestamp(original.bornTimestamp())
                .bornHost(original.bornHost()).storeHost(ctx.storeHost())
                .reconsumeTimes(original.reconsumeTimes() + 1).properties(props);
        m.tagsCode(MessageWriter.tagsCode(m));
        PutResult r = writer.put(m);
        if (r.status().stored()) {
            return response.code(ResponseCode.SUCCESS).remark(null);
        }
        return response.remark(r.status().name());
    }
}
