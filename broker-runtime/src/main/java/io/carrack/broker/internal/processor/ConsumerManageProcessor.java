package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.client.ConsumerGroupInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ConsumerListBody;
import io.carrack.remoting.protocol.body.LockBatchRequestBody;
import io.carrack.remoting.protocol.body.LockBatchResponseBody;
import io.carrack.remoting.protocol.body.UnlockBatchRequestBody;
import java.util.List;

/**
 * GET_CONSUMER_LIST_BY_GROUP (38), QUERY_CONSUMER_OFFSET (14), UPDATE_CONSUMER_OFFSET (15),
 * LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42), PROTOCOL.md sections 7.3, 7.4, 7.7.
 *
 * <p>Thread safety: stateless; called from the consumer-manage executor.
 */
public final class ConsumerManageProcessor implements RequestProcessor {
    private final BrokerContext ctx;
    private final QueueResidency residency;

    public ConsumerManageProcessor(BrokerContext ctx, QueueResidency residency) {
        this.ctx = ctx;
        this.residency = residency;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            case RequestCode.QUERY_CONSUMER_OFFSET -> queryOffset(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> updateOffset(request);
            case RequestCode.LOCK_BATCH_MQ -> lock(request);
            case RequestCode.UNLOCK_BATCH_MQ -> unlock(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        ConsumerGroupInfo info = ctx.consumers().group(group);
        List<String> ids = info == null ? List.of() : info.clientIds();
        if (ids.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }
        ConsumerListBody body = new ConsumerListBody();
        body.setConsumerIdList(ids);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(body));
    }

    private RemotingCommand queryOffset(RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        String topic = request.requireField("topic");
        int queueId = request.intField("queueId");
        long offset = ctx.offsets().query(group, topic, queueId);
        if (offset >= 0) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).field("offset", offset);
        }
        long min = ctx.store().minOffset(topic, queueId);
        if (min <= 0 && residency.firstMessageInMemory(topic, queueId)) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).field("offset", 0L);
        }
        return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
    }

    private RemotingCommand updateOffset(RemotingCommand request) {
        ctx.offsets().commit(request.requireField("consumerGroup"), request.requireField("topic"),
                request.intField("queueId"), request.longField("commitOffset"));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand lock(RemotingCommand request) {
        LockBatchRequestBody body = Json.fromBytes(request.body(), LockBatchRequestBody.class);
        LockBatchResponseBody out = new LockBatchResponseBody();
        out.setLockOKMQSet(ctx.locks().tryLock(body.getConsumerGroup(), body.getMqSet(), body.getClientId()));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(out));
    }

    private RemotingCommand unlock(RemotingCommand request) {
        UnlockBatchRequestBody body = Json.fromBytes(request.body(), UnlockBatchRequestBody.class);
        ctx.locks().unlock(body.getConsumerGroup(), body.getMqSet(), body.getClientId());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }
}
