package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.spi.store.PutResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts messages into the store, routing delayed ones through {@code SCHEDULE_TOPIC_XXXX}
 * (PROTOCOL.md section 13.10): the level is clamped, {@code REAL_TOPIC}/{@code REAL_QID} are saved
 * and the message goes to queue {@code level - 1} with the delivery time as tags code.
 *
 * <p>Thread safety: stateless apart from the context; any thread.
 */
public final class MessageWriter {
    private final BrokerContext ctx;

    public MessageWriter(BrokerContext ctx) {
        this.ctx = ctx;
    }

    /** Puts one message. */
    public PutResult put(BrokerMessage m) {
        routeDelay(m);
        PutResult r = ctx.store().put(m);
        if (r.status().stored()) {
            ctx.stats().onPut(1, r.wroteBytes());
        }
        return r;
    }

    /** Puts a batch of one topic and queue. */
    public PutResult putBatch(List<BrokerMessage> messages) {
        PutResult r = ctx.store().putBatch(messages);
        if (r.status().stored()) {
            ctx.stats().onPut(messages.size(), r.wroteBytes());
        }
        return r;
    }

    /** The tags code of a message from its TAGS. */
    public static long tagsCode(BrokerMessage m) {
        return BrokerMessage.tagsCodeOf(m.tags());
    }

    private void routeDelay(BrokerMessage m) {
        int txType = MessageSysFlag.transactionType(m.sysFlag());
        if (txType != MessageSysFlag.TRANSACTION_NOT_TYPE && txType != MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
            return;
        }
        String delay = m.property(MessageConst.DELAY_TIME_LEVEL);
        if (delay == null) {
            return;
        }
        int level;
        try {
            level = Integer.parseInt(delay.trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (level <= 0) {
            return;
        }
        level = ctx.delayLevels().clamp(level);
        Map<String, String> props = new LinkedHashMap<>(m.properties());
        props.put(MessageConst.DELAY_TIME_LEVEL, Integer.toString(level));
        props.put(MessageConst.REAL_TOPIC, m.topic());
        props.put(MessageConst.REAL_QUEUE_ID, Integer.toString(m.queueId()));
        m.properties(props);
        m.topic(TopicValidator.SCHEDULE_TOPIC).queueId(level - 1)
                .tagsCode(ctx.clock().millis() + ctx.delayLevels().delayMillis(level));
    }
}
