package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.client.ClientChannelInfo;
import io.carrack.broker.internal.client.ConsumerGroupInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.MessageIds;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.GetConsumerStatusBody;
import io.carrack.remoting.protocol.body.ResetOffsetBody;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin requests the broker carries out through its consumers' connections, PROTOCOL.md sections 8,
 * 9.6: INVOKE_BROKER_TO_RESET_OFFSET (222, pushes RESET_CONSUMER_CLIENT_OFFSET 220 to every consumer of
 * the group), INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223, asks each consumer with 221),
 * GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309), both forwarded to one client.
 *
 * <p>Thread safety: stateless; runs on the admin executor and blocks it while a client answers.
 */
public final class ClientAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAdminProcessor.class);
    /** How long a forwarded 307/309 may take (RocketMQ: 10 s). */
    static final long FORWARD_TIMEOUT_MILLIS = 10_000;
    private static final long STATUS_TIMEOUT_MILLIS = 5_000;

    private final BrokerContext ctx;

    public ClientAdminProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws InterruptedException {
        return switch (request.code()) {
            case RequestCode.INVOKE_BROKER_TO_RESET_OFFSET -> resetOffset(request);
            case RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS -> consumerStatus(request);
            case RequestCode.GET_CONSUMER_RUNNING_INFO -> forward(request, request.body());
            case RequestCode.CONSUME_MESSAGE_DIRECTLY -> consumeDirectly(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand resetOffset(RemotingCommand request) {
        String topic = request.requireField("topic");
        String group = request.requireField("group");
        long timestamp = request.longField("timestamp");
        boolean force = request.booleanField("isForce", false);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        TopicConfig tc = ctx.topics().select(topic);
        if (tc == null) {
            return response.remark("[reset-offset] reset offset failed, no topic in this broker. topic=" + topic);
        }
        Map<MessageQueue, Long> table = new LinkedHashMap<>();
        for (int q = 0; q < tc.getWriteQueueNums(); q++) {
            long current = ctx.offsets().query(group, topic, q);
            if (current < 0) {
                return response.remark("THe consumer group <" + group + "> not exist");
            }
            long target = timestamp == -1 ? ctx.store().maxOffset(topic, q)
                    : Math.max(0, ctx.store().offsetByTimestamp(topic, q, timestamp));
            table.put(new MessageQueue(topic, ctx.config().getBrokerName(), q), force || target < current ? target : current);
        }
        ConsumerGroupInfo consumers = ctx.consumers().group(group);
        if (consumers == null || consumers.channels().isEmpty()) {
            return response.code(ResponseCode.CONSUMER_NOT_ONLINE).remark("Consumer not online, so can not reset offset, "
                    + "Group: " + group + " Topic: " + topic + " Timestamp: " + timestamp);
        }
        ResetOffsetBody body = new ResetOffsetBody();
        body.setOffsetTable(table);
        byte[] bytes = Json.toBytes(body);
        for (ClientChannelInfo client : consumers.channels().values()) {
            RemotingCommand push = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
                    .field("topic", topic).field("group", group).field("timestamp", timestamp).field("isForce", force)
                    .body(bytes);
            try {
                client.channel().invokeOneway(push);
            } catch (RuntimeException e) {
                LOG.warn("cannot push the offset reset of {} to {}: {}", group, client.clientId(), e.toString());
            }
        }
        LOG.info("reset offsets of group {} on topic {} to {} (timestamp {}, force {})", group, topic, table.values(),
                timestamp, force);
        return response.code(ResponseCode.SUCCESS).body(bytes);
    }

    private RemotingCommand consumerStatus(RemotingCommand request) throws InterruptedException {
        String topic = request.requireField("topic");
        String group = request.requireField("group");
        String clientAddr = request.field("clientAddr");
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        ConsumerGroupInfo consumers = ctx.consumers().group(group);
        if (consumers == null || consumers.channels().isEmpty()) {
            return response.remark("No Any Consumer online in the consumer group: [" + group + "]");
        }
        GetConsumerStatusBody result = new GetConsumerStatusBody();
        Map<String, Map<MessageQueue, Long>> table = new HashMap<>();
        for (ClientChannelInfo client : consumers.channels().values()) {
            if (clientAddr != null && !clientAddr.isEmpty()
                    && !clientAddr.equals(client.channel().remoteAddressText())) {
                continue;
            }
            RemotingCommand ask = RemotingCommand.request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT)
                    .field("topic", topic).field("group", group).field("clientAddr", clientAddr == null ? "" : clientAddr);
            try {
                RemotingCommand answer = client.channel().invoke(ask, STATUS_TIMEOUT_MILLIS)
                        .get(STATUS_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
                if (answer.code() == ResponseCode.SUCCESS && answer.body() != null) {
                    GetConsumerStatusBody one = Json.fromBytes(answer.body(), GetConsumerStatusBody.class);
                    table.put(client.clientId(), one.getMessageQueueTable());
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("consumer {} of {} did not report its status: {}", client.clientId(), group, e.toString());
            }
        }
        result.setConsumerTable(table);
        return response.code(ResponseCode.SUCCESS).body(Json.toBytes(result));
    }

    private RemotingCommand consumeDirectly(RemotingCommand request) throws InterruptedException {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        String msgId = request.field("msgId");
        long offset;
        try {
            offset = MessageIds.decodeOffsetId(msgId).physicalOffset();
        } catch (RuntimeException e) {
            return response.remark("bad msgId " + msgId);
        }
        Optional<ByteBuffer> record = ctx.store().read(offset);
        if (record.isEmpty()) {
            return response.remark("can not find message by the offset, " + offset);
        }
        ByteBuffer b = record.get().duplicate();
        byte[] body = new byte[b.remaining()];
        b.get(body);
        request.field("brokerName", ctx.config().getBrokerName());
        return forward(request, body);
    }

    /** Sends the request (same fields, given body) to the client named in it and returns its answer. */
    private RemotingCommand forward(RemotingCommand request, byte[] body) throws InterruptedException {
        String group = request.requireField("consumerGroup");
        String clientId = request.requireField("clientId");
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        ClientChannelInfo client = findClient(group, clientId);
        if (client == null) {
            return response.remark("The Consumer <" + group + "> <" + clientId + "> not online");
        }
        RemotingCommand out = RemotingCommand.request(request.code()).extFields(new HashMap<>(request.extFields()))
                .body(body);
        try {
            RemotingCommand answer = client.channel().invoke(out, FORWARD_TIMEOUT_MILLIS)
                    .get(FORWARD_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
            response.code(answer.code()).remark(answer.remark()).body(answer.body());
            if (answer.hasExtFields()) {
                response.extFields(new HashMap<>(answer.extFields()));
            }
            return response;
        } catch (ExecutionException | TimeoutException e) {
            if (e instanceof TimeoutException || e.getCause() instanceof io.carrack.remoting.RemotingTimeoutException) {
                return response.code(ResponseCode.CONSUME_MSG_TIMEOUT).remark("consumer <" + clientId
                        + "> did not answer in " + FORWARD_TIMEOUT_MILLIS + " ms");
            }
            return response.remark("forwarding to consumer <" + clientId + "> failed: " + e.getCause());
        }
    }

    private ClientChannelInfo findClient(String group, String clientId) {
        ConsumerGroupInfo consumers = ctx.consumers().group(group);
        if (consumers == null) {
            return null;
        }
        for (ClientChannelInfo i : consumers.channels().values()) {
            if (clientId.equals(i.clientId()) && i.channel().isActive()) {
                return i;
            }
        }
        return null;
    }
}
