package io.carrack.broker.internal.transaction;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.PermName;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.PutResult;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's side of the transaction topics: creates the half and op topics on first use, loads
 * half messages by commit-log offset, and writes op records.
 *
 * <p>Thread safety: any thread.
 */
public final class TransactionLog {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLog.class);

    private final BrokerContext ctx;

    public TransactionLog(BrokerContext ctx) {
        this.ctx = ctx;
    }

    /** Creates {@code RMQ_SYS_TRANS_HALF_TOPIC} and {@code RMQ_SYS_TRANS_OP_HALF_TOPIC} (one queue) if absent. */
    public void ensureTopics() {
        int perm = PermName.PERM_READ | PermName.PERM_WRITE;
        ctx.topics().createIfAbsent(TopicValidator.TRANS_HALF_TOPIC, 1, perm, 0);
        ctx.topics().createIfAbsent(TopicValidator.TRANS_OP_HALF_TOPIC, 1, perm, 0);
    }

    /** The message stored at a commit-log offset, decoded; empty if none is there or it is unreadable. */
    public Optional<StoredMessage> load(long commitLogOffset) {
        Optional<ByteBuffer> record = ctx.store().read(commitLogOffset);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StoredMessageCodec.decode(record.get()));
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable record at commit-log offset {}: {}", commitLogOffset, e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the op record that closes the half message at {@code halfQueueOffset}; false if not stored. */
    public boolean writeOp(long halfQueueOffset) {
        ensureTopics();
        PutResult r = ctx.store().put(HalfMessages.opRecord(halfQueueOffset, ctx.storeHost(), ctx.clock().millis()));
        if (!r.status().stored()) {
            LOG.warn("cannot write the op record of half message {}: {}", halfQueueOffset, r.status());
            return false;
        }
        return true;
    }
}
