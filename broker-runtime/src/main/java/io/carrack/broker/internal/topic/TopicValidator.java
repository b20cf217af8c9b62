package io.carrack.broker.internal.topic;

import java.util.Set;

/** Topic names: legal characters, system topics, topics clients may not send to. */
public final class TopicValidator {
    public static final String AUTO_CREATE_TOPIC_KEY_TOPIC = "TBW102";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String BENCHMARK_TOPIC = "BenchmarkTest";
    public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
    public static final String RETRY_GROUP_TOPIC_PREFIX = "%RETRY%";
    public static final String DLQ_GROUP_TOPIC_PREFIX = "%DLQ%";
    public static final int MAX_TOPIC_LENGTH = 127;

    /** The characters of {@code ^[%|a-zA-Z0-9_-]+$}, by ASCII code. */
    private static final boolean[] LEGAL = legalCharacters();
    private static final Set<String> FIXED_SYSTEM_TOPICS = Set.of(AUTO_CREATE_TOPIC_KEY_TOPIC, SCHEDULE_TOPIC,
            BENCHMARK_TOPIC, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC, TRACE_TOPIC,
            SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);
    private static final Set<String> NOT_ALLOWED_SEND = Set.of(SCHEDULE_TOPIC, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC,
            TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);

    private TopicValidator() {
    }

    /** Why a topic name is not legal, or null when it is. */
    public static String checkName(String topic) {
        if (topic == null || topic.isBlank()) {
            return "The specified topic is blank.";
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            return "The specified topic is longer than topic max length " + MAX_TOPIC_LENGTH + ".";
        }
        if (!hasOnlyLegalCharacters(topic)) {
            return "The specified topic[" + topic + "] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
        }
        return null;
    }

    private static boolean[] legalCharacters() {
        boolean[] legal = new boolean[128];
        for (char c = 'a'; c <= 'z'; c++) {
            legal[c] = true;
            legal[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            legal[c] = true;
        }
        legal['%'] = true;
        legal['|'] = true;
        legal['_'] = true;
        legal['-'] = true;
        return legal;
    }

    private static boolean hasOnlyLegalCharacters(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c >= LEGAL.length || !LEGAL[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether clients may not send to the topic. */
    public static boolean isNotAllowedSend(String topic) {
        return NOT_ALLOWED_SEND.contains(topic);
    }

    /** Whether the topic is one of the fixed system topics or has the system prefix. */
    public static boolean isFixedSystemTopic(String topic) {
        return FIXED_SYSTEM_TOPICS.contains(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
    }

    public static boolean isRetryTopic(String topic) {
        return topic != null && topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
    }

    public static boolean isDlqTopic(String topic) {
        return topic != null && topic.startsWith(DLQ_GROUP_TOPIC_PREFIX);
    }

    /** {@code %RETRY%group}. */
    public static String retryTopic(String group) {
        return RETRY_GROUP_TOPIC_PREFIX + group;
    }

    /** {@code %DLQ%group}. */
    public static String dlqTopic(String group) {
        return DLQ_GROUP_TOPIC_PREFIX + group;
    }
}
