package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29), GET_MAX_OFFSET (30), GET_MIN_OFFSET (31) and
 * GET_EARLIEST_MSG_STORETIME (32), PROTOCOL.md section 7.5.
 *
 * <p>Thread safety: stateless.
 */
public final class QueueOffsetProcessor implements RequestProcessor {
    private final BrokerContext ctx;

    public QueueOffsetProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireField("topic");
        int queueId = request.intField("queueId");
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        return switch (request.code()) {
            case RequestCode.GET_MAX_OFFSET -> response.field("offset", ctx.store().maxOffset(topic, queueId));
            case RequestCode.GET_MIN_OFFSET -> response.field("offset", ctx.store().minOffset(topic, queueId));
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> response.field("offset",
                    Math.max(0, ctx.store().offsetByTimestamp(topic, queueId, request.longField("timestamp"))));
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> response.field("timestamp",
                    ctx.store().storeTimestamp(topic, queueId, ctx.store().minOffset(topic, queueId)));
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }
}
