package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.client.ConsumerGroupInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QUERY_CONSUME_QUEUE (321, {@code mqadmin queryCq}), PROTOCOL.md section 9.7: the consume-queue entries
 * of one queue from an index, as {@code QueryConsumeQueueResponseBody}: the queue's min and max index, and
 * per entry the commit-log offset, the record size and the tags code (for the schedule topic the delivery
 * time). With a consumer group, also the group's subscription to the topic, or that it is not online.
 *
 * <p>Carrack keeps no consume-queue extension (RocketMQ's {@code enableConsumeQueueExt}, off by default), so
 * {@code extendDataJson} and {@code bitMap} stay null and {@code eval} false, as in a default RocketMQ broker.
 * An index outside the queue is answered with the bounds and no entries (RocketMQ answers with no body,
 * which the 4.9.7 client cannot decode).
 *
 * <p>Thread safety: stateless.
 */
public final class ConsumeQueueQueryProcessor implements RequestProcessor {
    /** The most entries one request returns, whatever {@code count} asks. */
    static final int MAX_ENTRIES = 10_000;
    private static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";

    private final BrokerContext ctx;

    public ConsumeQueueQueryProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (request.code() != RequestCode.QUERY_CONSUME_QUEUE) {
            return RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        }
        String topic = request.requireField("topic");
        int queueId = request.intField("queueId");
        long index = request.longField("index");
        int count = Math.min(MAX_ENTRIES, Math.max(0, request.intField("count", 10)));
        String group = request.field("consumerGroup");
        if (!ctx.store().queueIds(topic).contains(queueId)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("%d@%s is not exist!", queueId, topic));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        long min = ctx.store().minOffset(topic, queueId);
        long max = ctx.store().maxOffset(topic, queueId);
        body.put("maxQueueIndex", max);
        body.put("minQueueIndex", min);
        if (group != null && !group.isBlank()) {
            describeSubscription(body, group, topic);
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        if (index < min || index >= max) {
            body.put("queueData", List.of());
            return response.remark(String.format("Index %d of %d@%s is not exist!", index, queueId, topic))
                    .body(Json.toBytes(body));
        }
        body.put("queueData", entries(topic, queueId, index, count));
        return response.body(Json.toBytes(body));
    }

    private void describeSubscription(Map<String, Object> body, String group, String topic) {
        ConsumerGroupInfo info = ctx.consumers().group(group);
        SubscriptionData sub = info == null ? null : info.subscription(topic);
        if (sub == null) {
            body.put("filterData", String.format("%s@%s is not online!", group, topic));
            return;
        }
        body.put("subscriptionData", sub);
        if (!ExpressionType.isTagType(sub.getExpressionType())) {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("consumerGroup", group);
            filter.put("topic", topic);
            filter.put("expressionType", sub.getExpressionType());
            filter.put("expression", sub.getSubString());
            filter.put("clientVersion", sub.getSubVersion());
            body.put("filterData", Json.toText(filter));
        }
    }

    private List<Map<String, Object>> entries(String topic, int queueId, long index, int count) {
        List<Map<String, Object>> entries = new ArrayList<>();
        long next = index;
        // bounded: every round either adds entries and advances, or stops
        while (entries.size() < count) {
            try (GetResult r = ctx.store().get(topic, queueId, next, count - entries.size(), MessageFilter.ALL)) {
                if (r.messages().isEmpty() || r.nextBeginOffset() <= next) {
                    break;
                }
                for (ByteBuffer record : r.messages()) {
                    entries.add(entry(topic, record));
                }
                next = r.nextBeginOffset();
            }
        }
        return entries;
    }

    private Map<String, Object> entry(String topic, ByteBuffer record) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("physicOffset", StoredMessageCodec.readPhysicalOffset(record));
        e.put("physicSize", StoredMessageCodec.readTotalSize(record));
        e.put("tagsCode", tagsCode(topic, record));
        e.put("eval", false);
        return e;
    }

    private long tagsCode(String topic, ByteBuffer record) {
        if (SCHEDULE_TOPIC.equals(topic)) {
            String level = StoredMessageCodec.readProperty(record, MessageConst.DELAY_TIME_LEVEL);
            if (level != null) {
                try {
                    int l = ctx.delayLevels().clamp(Integer.parseInt(level.trim()));
                    return StoredMessageCodec.readStoreTimestamp(record) + ctx.delayLevels().delayMillis(l);
                } catch (NumberFormatException e) {
                    return StoredMessageCodec.readStoreTimestamp(record);
                }
            }
        }
        return BrokerMessage.tagsCodeOf(StoredMessageCodec.readTags(record));
    }
}
