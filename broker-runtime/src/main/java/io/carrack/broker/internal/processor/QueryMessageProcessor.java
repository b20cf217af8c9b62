package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.MessageConst;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.spi.store.QueryResult;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * QUERY_MESSAGE (12) by key or unique key, and VIEW_MESSAGE_BY_ID (33) by commit-log offset,
 * PROTOCOL.md section 9.4.
 *
 * <p>Thread safety: stateless.
 */
public final class QueryMessageProcessor implements RequestProcessor {
    private final BrokerContext ctx;

    public QueryMessageProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.QUERY_MESSAGE -> query(request);
            case RequestCode.VIEW_MESSAGE_BY_ID -> view(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand query(RemotingCommand request) {
        String topic = request.requireField("topic");
        String key = request.requireField("key");
        int maxNum = request.intField("maxNum");
        long begin = request.longField("beginTimestamp");
        long end = request.longField("endTimestamp");
        if (Boolean.parseBoolean(request.field(MessageConst.UNIQUE_KEY_QUERY))) {
            maxNum = ctx.config().getDefaultQueryMaxNum();
        }
        maxNum = Math.min(maxNum, ctx.config().getMaxMsgsNumBatch());
        QueryResult r = ctx.store().queryByKey(topic, key, maxNum, begin, end);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                .field("indexLastUpdateTimestamp", r.indexLastUpdateTimestamp())
                .field("indexLastUpdatePhyoffset", r.indexLastUpdatePhysicalOffset());
        if (r.messages().isEmpty()) {
            return response.code(ResponseCode.QUERY_NOT_FOUND).remark("can not find message, maybe time range not correct");
        }
        int total = 0;
        for (ByteBuffer b : r.messages()) {
            total += b.remaining();
        }
        byte[] body = new byte[total];
        int pos = 0;
        for (ByteBuffer b : r.messages()) {
            int n = b.remaining();
            b.duplicate().get(body, pos, n);
            pos += n;
        }
        return response.body(body);
    }

    private RemotingCommand view(RemotingCommand request) {
        long offset = request.longField("offset");
        Optional<ByteBuffer> record = ctx.store().read(offset);
        if (record.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "can not find message by the offset, " + offset);
        }
        ByteBuffer b = record.get();
        byte[] body = new byte[b.remaining()];
        b.duplicate().get(body);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(body);
    }
}
