package io.carrack.broker.internal.transaction;

import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message shapes of transactions (PROTOCOL.md section 13.11): a half message parked in
 * {@code RMQ_SYS_TRANS_HALF_TOPIC}, the real message a commit writes, the op record that closes a half
 * message, and the copies the check-back re-appends or gives up.
 *
 * <p>Thread safety: stateless.
 */
public final class HalfMessages {
    /** The internal group whose offsets hold the check-back progress of the half and op queues. */
    public static final String CHECK_GROUP = "CID_RMQ_SYS_TRANS";
    /** The TAGS of an op record: the half message is done. */
    public static final String OP_TAG_DONE = "d";
    /** The half and op topics have one queue, 0. */
    public static final int QUEUE_ID = 0;

    private HalfMessages() {
    }

    /** Whether a sent message is the half of a transaction (property {@code TRAN_MSG=true}). */
    public static boolean isHalf(BrokerMessage m) {
        return Boolean.parseBoolean(m.property(MessageConst.TRANSACTION_PREPARED));
    }

    /**
     * Turns a sent message into its half message, in place: the real topic and queue go into
     * {@code REAL_TOPIC}/{@code REAL_QID}, {@code DELAY} is dropped (transactions are never delayed),
     * the transaction bits of sysFlag are cleared so the half takes a queue slot, and the message
     * moves to queue 0 of the half topic.
     */
    public static BrokerMessage toHalf(BrokerMessage m) {
        Map<String, String> props = new LinkedHashMap<>(m.properties());
        props.put(MessageConst.REAL_TOPIC, m.topic());
        props.put(MessageConst.REAL_QUEUE_ID, Integer.toString(m.queueId()));
        props.remove(MessageConst.DELAY_TIME_LEVEL);
        return m.properties(props)
                .sysFlag(MessageSysFlag.withTransactionType(m.sysFlag(), MessageSysFlag.TRANSACTION_NOT_TYPE))
                .topic(TopicValidator.TRANS_HALF_TOPIC).queueId(QUEUE_ID);
    }

    /**
     * The real message a commit writes: the half's body, flag, born time and host, reconsume times
     * and properties less {@code REAL_TOPIC}, {@code REAL_QID} and {@code TRAN_MSG}, in the real topic and
     * queue, with transaction type COMMIT and the half's commit-log offset as prepared offset.
     *
     * @return null if the half names no real topic or queue
     */
    public static BrokerMessage toCommitted(StoredMessage half, InetSocketAddress storeHost) {
        Map<String, String> props = new LinkedHashMap<>(half.properties());
        String topic = props.remove(MessageConst.REAL_TOPIC);
        String queue = props.remove(MessageConst.REAL_QUEUE_ID);
        props.remove(MessageConst.TRANSACTION_PREPARED);
        Integer queueId = parseInt(queue);
        if (topic == null || queueId == null) {
            return null;
        }
        BrokerMessage m = new BrokerMessage().topic(topic).queueId(queueId).body(half.body()).flag(half.flag())
                .sysFlag(MessageSysFlag.withTransactionType(half.sysFlag(), MessageSysFlag.TRANSACTION_COMMIT_TYPE))
                .bornTimestamp(half.bornTimestamp()).bornHost(half.bornHost()).storeHost(storeHost)
                .reconsumeTimes(half.reconsumeTimes()).preparedTransactionOffset(half.physicalOffset())
                .properties(props);
        return m.tagsCode(BrokerMessage.tagsCodeOf(m.tags()));
    }

    /** The op record closing the half message at {@code halfQueueOffset}: body = that offset in decimal. */
    public static BrokerMessage opRecord(long halfQueueOffset, InetSocketAddress storeHost, long now) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.TAGS, OP_TAG_DONE);
        props.put(MessageConst.WAIT_STORE_MSG_OK, "false");
        BrokerMessage m = new BrokerMessage().topic(TopicValidator.TRANS_OP_HALF_TOPIC).queueId(QUEUE_ID)
                .body(Long.toString(halfQueueOffset).getBytes(StandardCharsets.US_ASCII)).bornTimestamp(now)
                .bornHost(storeHost).storeHost(storeHost).properties(props);
        return m.tagsCode(BrokerMessage.tagsCodeOf(OP_TAG_DONE));
    }

    /** The half queue offset an op record names, or -1 if its body is not a number. */
    public static long opTarget(StoredMessage op) {
        Long v = parseLong(new String(op.body(), StandardCharsets.US_ASCII).trim());
        return v == null ? -1 : v;
    }

    /** How many times the half was checked back so far. */
    public static int checkTimes(StoredMessage half) {
        Integer v = parseInt(half.properties().get(MessageConst.TRANSACTION_CHECK_TIMES));
        return v == null ? 0 : v;
    }

    /** The producer's own immunity ({@code CHECK_IMMUNITY_TIME_IN_SECONDS}) in ms, or -1 if unset. */
    public static long immunityMillis(StoredMessage half) {
        Long v = parseLong(half.properties().get(MessageConst.CHECK_IMMUNITY_TIME_IN_SECONDS));
        return v == null || v < 0 ? -1 : v * 1000;
    }

    /**
     * A copy of a stored message for re-appending to {@code topic}/{@code queueId}, with some
     * properties replaced.
     */
    public static BrokerMessage copy(StoredMessage m, String topic, int queueId, InetSocketAddress storeHost,
                                     Map<String, String> replaced) {
        Map<String, String> props = new LinkedHashMap<>(m.properties());
        props.putAll(replaced);
        BrokerMessage c = new BrokerMessage().topic(topic).queueId(queueId).body(m.body()).flag(m.flag())
                .sysFlag(m.sysFlag()).bornTimestamp(m.bornTimestamp()).bornHost(m.bornHost()).storeHost(storeHost)
                .reconsumeTimes(m.reconsumeTimes()).preparedTransactionOffset(m.preparedTransactionOffset())
                .properties(props);
        return c.tagsCode(BrokerMessage.tagsCodeOf(c.tags()));
    }

    /**
     * The half as the producer sees it in CHECK_TRANSACTION_STATE: in its real topic and queue, with
     * some properties replaced.
     */
    public static BrokerMessage asChecked(StoredMessage half, Map<String, String> replaced) {
        Integer queueId = parseInt(half.properties().get(MessageConst.REAL_QUEUE_ID));
        String topic = half.properties().getOrDefault(MessageConst.REAL_TOPIC, half.topic());
        return copy(half, topic, queueId == null ? half.queueId() : queueId, half.storeHost(), replaced);
    }

    private static Integer parseInt(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
