package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store housekeeping on request, PROTOCOL.md section 9.7 ({@code mqadmin deleteExpiredCommitLog},
 * {@code cleanExpiredCQ}, {@code cleanUnusedTopic}); each answers SUCCESS, as RocketMQ does:
 * <ul>
 *   <li>DELETE_EXPIRED_COMMITLOG (329) applies the retention rule now instead of waiting for
 *       {@code deleteWhen}: data older than {@code fileReservedTime} goes (RocketMQ's manual delete).</li>
 *   <li>CLEAN_EXPIRED_CONSUMEQUEUE (306) and CLEAN_UNUSED_TOPIC (316) are accepted and do nothing: the store
 *       SPI has no such operation (each store ages its queues out with its log, and DELETE_TOPIC_IN_BROKER
 *       removes a topic's queues when the topic is deleted).</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class StoreMaintenanceProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenanceProcessor.class);

    private final BrokerContext ctx;

    public StoreMaintenanceProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        switch (request.code()) {
            case RequestCode.DELETE_EXPIRED_COMMITLOG -> {
                long removed = ctx.store().applyRetention(false);
                LOG.info("deleteExpiredCommitLog requested by {}: {} bytes of expired log removed",
                        channel.remoteAddressText(), removed);
            }
            case RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, RequestCode.CLEAN_UNUSED_TOPIC ->
                    LOG.info("request {} from {} accepted; the store has no separate queue cleaning", request.code(),
                            channel.remoteAddressText());
            default -> {
                return RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        "request type " + request.code() + " not supported");
            }
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }
}
