package io.carrack.common.message;

import java.util.Set;

/** Property keys and separators of the RocketMQ 4.x message model (PROTOCOL.md section 12). */
public final class MessageConst {
    public static final String KEYS = "KEYS";
    public static final String TAGS = "TAGS";
    public static final String WAIT_STORE_MSG_OK = "WAIT";
    public static final String DELAY_TIME_LEVEL = "DELAY";
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QUEUE_ID = "REAL_QID";
    public static final String TRANSACTION_PREPARED = "TRAN_MSG";
    public static final String PRODUCER_GROUP = "PGROUP";
    public static final String MIN_OFFSET = "MIN_OFFSET";
    public static final String MAX_OFFSET = "MAX_OFFSET";
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    public static final String RECONSUME_TIME = "RECONSUME_TIME";
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    public static final String MSG_REGION = "MSG_REGION";
    public static final String TRACE_SWITCH = "TRACE_ON";
    public static final String UNIQ_CLIENT_MESSAGE_ID_KEYIDX = "UNIQ_KEY";
    public static final String CONSUME_START_TIMESTAMP = "CONSUME_START_TIME";
    public static final String TRANSACTION_PREPARED_QUEUE_OFFSET = "TRAN_PREPARED_QUEUE_OFFSET";
    public static final String TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    public static final String CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public static final String INSTANCE_ID = "INSTANCE_ID";
    public static final String CORRELATION_ID = "CORRELATION_ID";
    public static final String REPLY_TO_CLIENT = "REPLY_TO_CLIENT";
    public static final String TTL = "TTL";
    public static final String ARRIVE_TIME = "ARRIVE_TIME";
    public static final String PUSH_REPLY_TIME = "PUSH_REPLY_TIME";
    public static final String MSG_TYPE = "MSG_TYPE";
    public static final String CLUSTER = "CLUSTER";
    public static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    public static final String BUYER_ID = "BUYER_ID";
    public static final String TRANSFER_FLAG = "TRANSFER_FLAG";
    public static final String CORRECTION_FLAG = "CORRECTION_FLAG";
    public static final String MQ2_FLAG = "MQ2_FLAG";
    public static final String INNER_MULTI_DISPATCH = "INNER_MULTI_DISPATCH";
    public static final String INNER_MULTI_QUEUE_OFFSET = "INNER_MULTI_QUEUE_OFFSET";

    /**
     * Names reserved for the system: a user property may not use them (RocketMQ 4.9.7's
     * {@code MessageConst.STRING_HASH_SET}, which leaves out a few broker-internal names).
     */
    public static final Set<String> SYSTEM_PROPERTIES = Set.of(TRACE_SWITCH, MSG_REGION, KEYS, TAGS,
            WAIT_STORE_MSG_OK, DELAY_TIME_LEVEL, RETRY_TOPIC, REAL_TOPIC, REAL_QUEUE_ID, TRANSACTION_PREPARED,
            PRODUCER_GROUP, MIN_OFFSET, MAX_OFFSET, BUYER_ID, ORIGIN_MESSAGE_ID, TRANSFER_FLAG, CORRECTION_FLAG,
            MQ2_FLAG, RECONSUME_TIME, UNIQ_CLIENT_MESSAGE_ID_KEYIDX, MAX_RECONSUME_TIMES, CONSUME_START_TIMESTAMP,
            INSTANCE_ID, CORRELATION_ID, REPLY_TO_CLIENT, TTL, ARRIVE_TIME, PUSH_REPLY_TIME, CLUSTER, MSG_TYPE,
            INNER_MULTI_QUEUE_OFFSET);

    /** Separates a property name from its value. */
    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    /** Separates one property from the next. */
    public static final char PROPERTY_SEPARATOR = '\u0002';
    /** Separates keys inside the KEYS property. */
    public static final String KEY_SEPARATOR = " ";

    private MessageConst() {
    }
}
