package io.carrack.client.internal;

import io.carrack.client.ClientException;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.CheckClientRequestBody;
import io.carrack.remoting.protocol.body.ConsumerListBody;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.LockBatchRequestBody;
import io.carrack.remoting.protocol.body.LockBatchResponseBody;
import io.carrack.remoting.protocol.body.UnlockBatchRequestBody;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The wire calls of the client, one method per request, with the RocketMQ 4.9.7 client's header
 * keys (PROTOCOL.md sections 5 to 7).
 *
 * <p>Thread safety: stateless apart from the shared remoting client; safe from any thread.
 */
public final class ClientApi {
    /** Hold time the push consumer asks of the broker for a long poll. */
    public static final long PUSH_SUSPEND_MILLIS = 15_000;
    /** Timeout of a suspended pull: the broker answers within the hold time plus a margin. */
    public static final long SUSPENDED_PULL_TIMEOUT_MILLIS = 30_000;
    /** Timeout of CONSUMER_SEND_MSG_BACK. */
    public static final long SEND_BACK_TIMEOUT_MILLIS = 5_000;

    private final RemotingClient remoting;

    public ClientApi(RemotingClient remoting) {
        this.remoting = remoting;
    }

    /** The remoting client. */
    public RemotingClient remoting() {
        return remoting;
    }

    /** GET_ROUTEINFO_BY_TOPIC; throws with code 17 when the name server has no route. */
    public TopicRouteData getRoute(String nameServer, String topic, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).field("topic", topic);
        RemotingCommand resp = remoting.invokeSync(nameServer, req, timeoutMillis);
        Responses.requireSuccess(resp, "route of " + topic);
        if (resp.body() == null) {
            throw new ClientException(ResponseCode.TOPIC_NOT_EXIST, "empty route of " + topic);
        }
        return Json.fromBytes(resp.body(), TopicRouteData.class);
    }

    /** A SEND_MESSAGE_V2 or SEND_BATCH_MESSAGE request. */
    public static RemotingCommand sendCommand(SendRequest r) {
        RemotingCommand cmd = RemotingCommand.request(r.batch() ? RequestCode.SEND_BATCH_MESSAGE
                : RequestCode.SEND_MESSAGE_V2);
        cmd.field("a", r.producerGroup())
                .field("b", r.topic())
                .field("c", r.defaultTopic())
                .field("d", r.defaultTopicQueueNums())
                .field("e", r.queueId())
                .field("f", r.sysFlag())
                .field("g", r.bornTimestamp())
                .field("h", r.flag())
                .field("i", r.properties())
                .field("j", r.reconsumeTimes())
                .field("k", false)
                .field("l", r.maxReconsumeTimes())
                .field("m", r.batch())
                .field("n", r.brokerName());
        return cmd.body(r.body());
    }

    /** A PULL_MESSAGE request. */
    public static RemotingCommand pullCommand(String group, MessageQueue mq, long offset, int maxNums, int sysFlag,
                                              long commitOffset, long suspendMillis, String subscription,
                                              long subVersion, String expressionType) {
        return RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .field("consumerGroup", group)
                .field("topic", mq.topic())
                .field("queueId", mq.queueId())
                .field("queueOffset", offset)
                .field("maxMsgNums", maxNums)
                .field("sysFlag", sysFlag)
                .field("commitOffset", commitOffset)
                .field("suspendTimeoutMillis", suspendMillis)
                .field("subscription", subscription)
                .field("subVersion", subVersion)
                .field("expressionType", expressionType)
                .field("bname", mq.brokerName());
    }

    /** Sends a pull and decodes the answer; any code other than 0, 19, 20, 21 fails the future. */
    public CompletableFuture<PullResponse> pull(String addr, RemotingCommand request, long timeoutMillis) {
        return remoting.invokeAsync(addr, request, timeoutMillis).thenApply(ClientApi::parsePull);
    }

    static PullResponse parsePull(RemotingCommand resp) {
        PullResponse.Status status = switch (resp.code()) {
            case ResponseCode.SUCCESS -> PullResponse.Status.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullResponse.Status.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullResponse.Status.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullResponse.Status.OFFSET_ILLEGAL;
            default -> throw new ClientException(resp.code(), "pull failed: " + resp.remark());
        };
        return new PullResponse(status, resp.longField("nextBeginOffset"), resp.longField("minOffset", 0),
                resp.longField("maxOffset", 0), resp.longField("suggestWhichBrokerId", 0),
                status == PullResponse.Status.FOUND ? resp.body() : null);
    }

    /** QUERY_CONSUMER_OFFSET: the stored offset, or -1 when the broker has none (any error code). */
    public long queryConsumerOffset(String addr, String group, MessageQueue mq, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
                .field("consumerGroup", group).field("topic", mq.topic()).field("queueId", mq.queueId())
                .field("bname", mq.brokerName());
        RemotingCommand resp = remoting.invokeSync(addr, req, timeoutMillis);
        if (resp.code() != ResponseCode.SUCCESS) {
            return -1;
        }
        return resp.longField("offset");
    }

    /** UPDATE_CONSUMER_OFFSET, oneway. */
    public void updateConsumerOffsetOneway(String addr, String group, MessageQueue mq, long offset,
                                           long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .field("consumerGroup", group).field("topic", mq.topic()).field("queueId", mq.queueId())
                .field("commitOffset", offset).field("bname", mq.brokerName());
        remoting.invokeOneway(addr, req, timeoutMillis);
    }

    /** UPDATE_CONSUMER_OFFSET, waiting for the broker's answer; false when it refused. */
    public boolean updateConsumerOffset(String addr, String group, MessageQueue mq, long offset, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
                .field("consumerGroup", group).field("topic", mq.topic()).field("queueId", mq.queueId())
                .field("commitOffset", offset).field("bname", mq.brokerName());
        return remoting.invokeSync(addr, req, timeoutMillis).code() == ResponseCode.SUCCESS;
    }

    /** GET_MAX_OFFSET: the next offset to be written. */
    public long maxOffset(String addr, MessageQueue mq, long timeoutMillis) {
        return offsetCall(RequestCode.GET_MAX_OFFSET, addr, mq, null, timeoutMillis);
    }

    /** GET_MIN_OFFSET: the smallest offset still stored. */
    public long minOffset(String addr, MessageQueue mq, long timeoutMillis) {
        return offsetCall(RequestCode.GET_MIN_OFFSET, addr, mq, null, timeoutMillis);
    }

    /** SEARCH_OFFSET_BY_TIMESTAMP. */
    public long searchOffset(String addr, MessageQueue mq, long timestamp, long timeoutMillis) {
        return offsetCall(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, addr, mq, timestamp, timeoutMillis);
    }

    private long offsetCall(int code, String addr, MessageQueue mq, Long timestamp, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(code).field("topic", mq.topic()).field("queueId", mq.queueId())
                .field("timestamp", timestamp).field("bname", mq.brokerName());
        RemotingCommand resp = Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis),
                "offset request " + code + " for " + mq);
        return resp.longField("offset");
    }

    /** GET_CONSUMER_LIST_BY_GROUP: the client ids of the group's live consumers. */
    public List<String> consumerIds(String addr, String group, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
                .field("consumerGroup", group);
        RemotingCommand resp = Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis),
                "consumer list of " + group);
        if (resp.body() == null) {
            return List.of();
        }
        List<String> ids = Json.fromBytes(resp.body(), ConsumerListBody.class).getConsumerIdList();
        return ids == null ? List.of() : ids;
    }

    /** CONSUMER_SEND_MSG_BACK. */
    public void sendBack(String addr, long commitLogOffset, String group, int delayLevel, String originMsgId,
                         String originTopic, int maxReconsumeTimes, String brokerName) {
        RemotingCommand req = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
                .field("offset", commitLogOffset).field("group", group).field("delayLevel", delayLevel)
                .field("originMsgId", originMsgId).field("originTopic", originTopic).field("unitMode", false)
                .field("maxReconsumeTimes", maxReconsumeTimes).field("bname", brokerName);
        Responses.requireSuccess(remoting.invokeSync(addr, req, SEND_BACK_TIMEOUT_MILLIS), "send back");
    }

    /** LOCK_BATCH_MQ: the queues now locked by this client. */
    public Set<MessageQueue> lock(String addr, LockBatchRequestBody body, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).body(Json.toBytes(body));
        RemotingCommand resp = Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis), "lock");
        if (resp.body() == null) {
            return Set.of();
        }
        Set<MessageQueue> locked = Json.fromBytes(resp.body(), LockBatchResponseBody.class).getLockOKMQSet();
        return locked == null ? Set.of() : locked;
    }

    /** UNLOCK_BATCH_MQ, oneway or waiting. */
    public void unlock(String addr, UnlockBatchRequestBody body, boolean oneway, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ).body(Json.toBytes(body));
        if (oneway) {
            remoting.invokeOneway(addr, req, timeoutMillis);
        } else {
            Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis), "unlock");
        }
    }

    /** HEART_BEAT; returns the broker's version from the response. */
    public int heartbeat(String addr, HeartbeatData data, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.HEART_BEAT).body(Json.toBytes(data));
        return Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis), "heartbeat").version();
    }

    /** UNREGISTER_CLIENT. */
    public void unregister(String addr, String clientId, String producerGroup, String consumerGroup,
                           long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT).field("clientID", clientId)
                .field("producerGroup", producerGroup).field("consumerGroup", consumerGroup);
        Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis), "unregister");
    }

    /** CHECK_CLIENT_CONFIG; throws when the broker cannot serve the subscription. */
    public void checkClientConfig(String addr, CheckClientRequestBody body, long timeoutMillis) {
        RemotingCommand req = RemotingCommand.request(RequestCode.CHECK_CLIENT_CONFIG).body(Json.toBytes(body));
        Responses.requireSuccess(remoting.invokeSync(addr, req, timeoutMillis), "check client config");
    }
}
