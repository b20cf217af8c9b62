package io.carrack.client.internal;

/** Names of the system topics a client uses. */
public final class MixTopics {
    /** Prefix of a group's retry topic. */
    public static final String RETRY_PREFIX = "%RETRY%";
    /** Prefix of a group's dead-letter topic. */
    public static final String DLQ_PREFIX = "%DLQ%";
    /** The topic whose route auto-created topics inherit from. */
    public static final String DEFAULT_TOPIC = "TBW102";

    private MixTopics() {
    }

    /** {@code %RETRY%<group>}. */
    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    /** {@code %DLQ%<group>}. */
    public static String dlqTopic(String group) {
        return DLQ_PREFIX + group;
    }
}
