package io.carrack.broker.internal.transaction;

import io.carrack.broker.internal.client.ClientChannelInfo;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageIds;
import io.carrack.common.message.PermName;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction check-back (PROTOCOL.md section 13.11 step 4). Every {@code transactionCheckInterval}
 * (its live value) of the broker's clock it reads the new op records, then walks the half queue from
 * its progress up to where the queue ended when the pass began. For each half message no op record closes:
 * <ul>
 *   <li>checked {@code transactionCheckMax} times already, or older than {@code fileReservedTime}: given
 *       up, copied to {@code TRANS_CHECK_MAX_TIME_TOPIC} and closed with an op record;</li>
 *   <li>younger than its immunity ({@code transactionTimeOut}, or the producer's
 *       {@code CHECK_IMMUNITY_TIME_IN_SECONDS} when longer): the pass stops there (skips it, for a
 *       producer-set immunity);</li>
 *   <li>otherwise a copy with {@code TRANSACTION_CHECK_TIMES} + 1 is appended to the half queue, and
 *       CHECK_TRANSACTION_STATE about the copy goes to a live channel of its producer group
 *       ({@code PGROUP}); the copy stands for the message from then on.</li>
 * </ul>
 * Progress is kept as offsets of the internal group {@code CID_RMQ_SYS_TRANS} on the half and op
 * queues. The op progress is only moved past op records whose half message the half progress has
 * passed, so after a restart every closed half message ahead of the progress is known closed again;
 * a copy made just before a crash may be checked once more (at-least-once, as in RocketMQ).
 *
 * <p>Thread safety: the scan state is confined to the service thread.
 */
public final class TransactionCheckService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);
    private static final long POLL_MILLIS = 200;
    private static final int BATCH = 32;
    private static final String HALF = TopicValidator.TRANS_HALF_TOPIC;
    private static final String OP = TopicValidator.TRANS_OP_HALF_TOPIC;
    private static final int QUEUE = HalfMessages.QUEUE_ID;

    private enum Outcome { CLOSED, SKIPPED, STOP }

    private final BrokerContext ctx;
    private final TransactionLog log;
    private final MessageStore store;
    /** Half queue offsets at or past the progress that are closed (op record) or handed over (copied). */
    private final TreeSet<Long> closed = new TreeSet<>();
    /** Op records read but not yet passed by the half progress: op queue offset to half queue offset. */
    private final TreeMap<Long, Long> pendingOps = new TreeMap<>();
    private long lastCheckAt;
    private long halfProgress = -1;
    private long opRead = -1;

    public TransactionCheckService(BrokerContext ctx, TransactionLog log) {
        super("broker", "transaction-check", POLL_MILLIS, true);
        this.ctx = ctx;
        this.log = log;
        this.store = ctx.store();
        this.lastCheckAt = ctx.clock().millis();
    }

    @Override
    protected int doWork() {
        long now = ctx.clock().millis();
        // the interval is read each time: UPDATE_BROKER_CONFIG may change it
        if (now - lastCheckAt < ctx.config().getTransactionCheckInterval()) {
            return 0;
        }
        lastCheckAt = now;
        if (store.maxOffset(HALF, QUEUE) > 0) {
            check(now);
        }
        return 0;
    }

    /** One pass over the half queue. */
    void check(long now) {
        if (halfProgress < 0) {
            halfProgress = startOffset(HALF);
            opRead = startOffset(OP);
        }
        readOps();
        long min = store.minOffset(HALF, QUEUE);
        if (halfProgress < min) {
            halfProgress = min;
        }
        long end = store.maxOffset(HALF, QUEUE);
        long offset = halfProgress;
        while (offset < end && !isStopped()) {
            long next = scanBatch(offset, end, now);
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        advance();
    }

    private long startOffset(String topic) {
        long stored = ctx.offsets().query(HalfMessages.CHECK_GROUP, topic, QUEUE);
        return stored >= 0 ? stored : store.minOffset(topic, QUEUE);
    }

    /** Reads op records from where the last read ended; remembers those naming half messages not yet passed. */
    private void readOps() {
        while (!isStopped()) {
            try (GetResult r = store.get(OP, QUEUE, opRead, BATCH, MessageFilter.ALL)) {
                if (r.status() != GetStatus.FOUND) {
                    if (skippable(r.status()) && r.nextBeginOffset() > opRead) {
                        opRead = r.nextBeginOffset();
                        continue;
                    }
                    return;
                }
                List<ByteBuffer> messages = r.messages();
                for (int i = 0; i < messages.size(); i++) {
                    long target = HalfMessages.opTarget(StoredMessageCodec.decode(messages.get(i).duplicate()));
                    if (target >= halfProgress) {
                        closed.add(target);
                        pendingOps.put(r.queueOffsets().get(i), target);
                    }
                }
                opRead = r.nextBeginOffset();
            }
        }
    }

    /** Handles one batch of the half queue; returns the offset to go on from, or a value not above it to stop. */
    private long scanBatch(long offset, long end, long now) {
        try (GetResult r = store.get(HALF, QUEUE, offset, BATCH, MessageFilter.ALL)) {
            if (r.status() != GetStatus.FOUND) {
                if (skippable(r.status()) && r.nextBeginOffset() > offset) {
                    // removed by retention: nothing left to check there
                    for (long o = offset; o < r.nextBeginOffset(); o++) {
                        closed.add(o);
                    }
                    return r.nextBeginOffset();
                }
                return offset;
            }
            List<ByteBuffer> messages = r.messages();
            for (int i = 0; i < messages.size(); i++) {
                long o = r.queueOffsets().get(i);
                if (o >= end) {
                    return offset;
                }
                if (closed.contains(o)) {
                    continue;
                }
                Outcome outcome = handle(StoredMessageCodec.decode(messages.get(i).duplicate()), o, now);
                if (outcome == Outcome.STOP) {
                    return offset;
                }
                if (outcome == Outcome.CLOSED) {
                    closed.add(o);
                }
            }
            return r.nextBeginOffset();
        }
    }

    private Outcome handle(StoredMessage half, long offset, long now) {
        int checks = HalfMessages.checkTimes(half);
        long age = now - half.bornTimestamp();
        long retention = ctx.config().getFileReservedTime() * 3_600_000L;
        if (checks >= ctx.config().getTransactionCheckMax() || now - half.storeTimestamp() > retention) {
            return discard(half, offset) ? Outcome.CLOSED : Outcome.STOP;
        }
        long timeout = ctx.config().getTransactionTimeOut();
        long own = HalfMessages.immunityMillis(half);
        if (age >= 0 && age < Math.max(timeout, own)) {
            return own >= 0 ? Outcome.SKIPPED : Outcome.STOP;
        }
        // an END_TRANSACTION may have arrived since the pass began
        readOps();
        if (closed.contains(offset)) {
            return Outcome.CLOSED;
        }
        return checkBack(half, checks + 1, now) ? Outcome.CLOSED : Outcome.STOP;
    }

    /** Gives a half message up: a copy to TRANS_CHECK_MAX_TIME_TOPIC, then an op record. */
    private boolean discard(StoredMessage half, long offset) {
        ctx.topics().createIfAbsent(TopicValidator.TRANS_CHECK_MAX_TIME_TOPIC, 1,
                PermName.PERM_READ | PermName.PERM_WRITE, 0);
        BrokerMessage copy = HalfMessages.copy(half, TopicValidator.TRANS_CHECK_MAX_TIME_TOPIC, 0, ctx.storeHost(),
                Map.of());
        PutResult r = store.put(copy);
        if (!r.status().stored()) {
            LOG.warn("cannot give up half message {}: {}", offset, r.status());
            return false;
        }
        LOG.info("gave up half message {} (UNIQ_KEY {}, group {}) after {} checks", offset, half.uniqueKey(),
                half.properties().get(MessageConst.PRODUCER_GROUP), HalfMessages.checkTimes(half));
        return log.writeOp(offset);
    }

    /** Appends the counted copy and asks the producer group about it. */
    private boolean checkBack(StoredMessage half, int checks, long now) {
        Map<String, String> counted = Map.of(MessageConst.TRANSACTION_CHECK_TIMES, Integer.toString(checks));
        PutResult r = store.put(HalfMessages.copy(half, HALF, QUEUE, ctx.storeHost(), counted));
        if (!r.status().stored()) {
            LOG.warn("cannot re-append half message for a check: {}", r.status());
            return false;
        }
        String group = half.properties().get(MessageConst.PRODUCER_GROUP);
        ClientChannelInfo producer = pickProducer(group);
        if (producer == null) {
            LOG.warn("no live producer of group {} to check transaction {}", group, half.uniqueKey());
            return true;
        }
        ByteBuffer body = StoredMessageCodec.encode(HalfMessages.asChecked(half, counted), r.queueOffset(),
                r.physicalOffset(), now);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        String uniqueKey = half.uniqueKey();
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE)
                .field("tranStateTableOffset", r.queueOffset())
                .field("commitLogOffset", r.physicalOffset())
                .field("msgId", uniqueKey)
                .field("transactionId", uniqueKey)
                .field("offsetMsgId", MessageIds.offsetId(ctx.storeHost(), r.physicalOffset()))
                .body(bytes);
        try {
            producer.channel().invokeOneway(request);
        } catch (RuntimeException e) {
            LOG.warn("cannot send a transaction check to {}: {}", producer.channel().remoteAddressText(), e.toString());
        }
        return true;
    }

    private ClientChannelInfo pickProducer(String group) {
        if (group == null) {
            return null;
        }
        List<ClientChannelInfo> live = new ArrayList<>();
        for (ClientChannelInfo i : ctx.producers().connections(group)) {
            if (i.channel().isActive()) {
                live.add(i);
            }
        }
        return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
    }

    /** Moves the half progress over closed offsets and saves both progresses. */
    private void advance() {
        while (closed.remove(halfProgress)) {
            halfProgress++;
        }
        closed.headSet(halfProgress).clear();
        pendingOps.values().removeIf(h -> h < halfProgress);
        long opProgress = pendingOps.isEmpty() ? opRead : pendingOps.firstKey();
        ctx.offsets().commit(HalfMessages.CHECK_GROUP, HALF, QUEUE, halfProgress);
        ctx.offsets().commit(HalfMessages.CHECK_GROUP, OP, QUEUE, opProgress);
    }

    private static boolean skippable(GetStatus s) {
        return s == GetStatus.OFFSET_TOO_SMALL || s == GetStatus.MESSAGE_WAS_REMOVING
                || s == GetStatus.OFFSET_FOUND_NULL;
    }
}
