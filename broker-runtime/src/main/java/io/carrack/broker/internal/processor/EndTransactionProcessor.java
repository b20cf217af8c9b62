package io.carrack.broker.internal.processor;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.broker.internal.transaction.HalfMessages;
import io.carrack.broker.internal.transaction.TransactionLog;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.spi.store.PutResult;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * END_TRANSACTION (37), PROTOCOL.md sections 6.4 and 13.11 step 3: loads the half message at
 * {@code commitLogOffset}, checks that it belongs to {@code producerGroup} and sits at
 * {@code tranStateTableOffset} of the half queue, then on commit writes the real message and an op
 * record, on rollback only the op record. Type 0 (unknown) is ignored: the check-back will ask again.
 * The request is one-way, so the response only documents the outcome.
 *
 * <p>Thread safety: stateless; called from the end-transaction executor.
 */
public final class EndTransactionProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);

    private final BrokerContext ctx;
    private final MessageWriter writer;
    private final TransactionLog log;

    public EndTransactionProcessor(BrokerContext ctx, MessageWriter writer, TransactionLog log) {
        this.ctx = ctx;
        this.writer = writer;
        this.log = log;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, null);
        if (ctx.config().getBrokerRole() == BrokerConfig.BrokerRole.SLAVE) {
            return response.code(ResponseCode.SLAVE_NOT_AVAILABLE).remark("the broker is a slave");
        }
        String group = request.requireField("producerGroup");
        long tranStateTableOffset = request.longField("tranStateTableOffset");
        long commitLogOffset = request.longField("commitLogOffset");
        int type = request.intField("commitOrRollback");
        boolean fromCheck = request.booleanField("fromTransactionCheck", false);
        if (type != MessageSysFlag.TRANSACTION_COMMIT_TYPE && type != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            LOG.debug("transaction {} of {} still unknown (from check: {}); {}", request.field("msgId"), group,
                    fromCheck, request.remark());
            return null;
        }
        Optional<StoredMessage> found = log.load(commitLogOffset);
        if (found.isEmpty()) {
            return response.remark("find prepared transaction message failed");
        }
        StoredMessage half = found.get();
        String problem = checkHalf(half, group, tranStateTableOffset, commitLogOffset);
        if (problem != null) {
            LOG.warn("END_TRANSACTION from {} refused: {}", channel.remoteAddressText(), problem);
            return response.remark(problem);
        }
        if (type == MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
            BrokerMessage real = HalfMessages.toCommitted(half, ctx.storeHost());
            if (real == null) {
                return response.remark("the half message names no real topic or queue");
            }
            PutResult r = writer.put(real);
            if (!PutStatusCodes.apply(r.status(), response)) {
                return response;
            }
        }
        if (!log.writeOp(tranStateTableOffset)) {
            return response.code(ResponseCode.SYSTEM_ERROR).remark("cannot close the half message");
        }
        return response.code(ResponseCode.SUCCESS).remark(null);
    }

    private static String checkHalf(StoredMessage half, String group, long queueOffset, long commitLogOffset) {
        if (!TopicValidator.TRANS_HALF_TOPIC.equals(half.topic())) {
            return "the message at " + commitLogOffset + " is not a half message";
        }
        if (!Objects.equals(group, half.properties().get(MessageConst.PRODUCER_GROUP))) {
            return "the producer group is wrong";
        }
        if (half.queueOffset() != queueOffset) {
            return "the transaction state table offset is wrong";
        }
        if (half.physicalOffset() != commitLogOffset) {
            return "the commit log offset is wrong";
        }
        return null;
    }
}
