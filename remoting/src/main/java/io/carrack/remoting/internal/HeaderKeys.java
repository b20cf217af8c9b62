package io.carrack.remoting.internal;

import java.nio.charset.StandardCharsets;

/**
 * Canonical instances of the header field names requests and responses use (the one-letter keys of
 * SEND_MESSAGE_V2, the long keys of the other headers, PROTOCOL.md sections 6-9), found from their
 * encoded bytes without building a String. The instances are interned, so they are the very objects the
 * processors' string constants are, and a {@link FieldMap} lookup by constant ends at the first
 * reference comparison.
 *
 * <p>Thread safety: immutable after class initialization.
 */
final class HeaderKeys {
    private static final String[] NAMES = {
        // SendMessageRequestHeaderV2 and the two-letter spare ones
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
        "u", "v", "w", "x", "y", "z",
        // send, pull and their responses
        "producerGroup", "topic", "defaultTopic", "defaultTopicQueueNums", "queueId", "sysFlag", "bornTimestamp",
        "flag", "properties", "reconsumeTimes", "unitMode", "batch", "maxReconsumeTimes", "bname", "msgId",
        "queueOffset", "transactionId", "MSG_REGION", "TRACE_ON", "consumerGroup", "maxMsgNums", "commitOffset",
        "suspendTimeoutMillis", "subscription", "subVersion", "expressionType", "suggestWhichBrokerId",
        "nextBeginOffset", "minOffset", "maxOffset", "offset", "group", "delayLevel", "originMsgId", "originTopic",
        // transactions, offsets, admin and name server
        "tranStateTableOffset", "commitLogOffset", "commitOrRollback", "fromTransactionCheck", "timestamp",
        "brokerName", "brokerAddr", "clusterName", "haServerAddr", "brokerId", "compressed", "clientId",
        "consumerGroupName", "key", "beginTimestamp", "endTimestamp", "count", "namespace", "value",
        "readQueueNums", "writeQueueNums", "perm", "topicFilterType", "topicSysFlag", "order", "dataVersion",
        "acl", "isOrder", "subscriptionGroup", "uniqKey", "remark", "language", "version",
    };
    private static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;
    private static final String[] TABLE = new String[SLOTS];
    private static final byte[][] BYTES = new byte[SLOTS][];

    static {
        for (String name : NAMES) {
            String canonical = name.intern();
            int i = slot(canonical.hashCode());
            while (TABLE[i] != null && !TABLE[i].equals(canonical)) {
                i = (i + 1) & MASK;
            }
            TABLE[i] = canonical;
            BYTES[i] = ascii(canonical);
        }
    }

    private HeaderKeys() {
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 9)) & MASK;
    }

    /**
     * The canonical name whose ASCII bytes are {@code b[from, from + length)} and whose
     * {@code String.hashCode()} is {@code hash}, or null if it is not a known name.
     */
    static String find(byte[] b, int from, int length, int hash) {
        int i = slot(hash);
        for (;;) {
            String s = TABLE[i];
            if (s == null) {
                return null;
            }
            byte[] known = BYTES[i];
            if (s.hashCode() == hash && sameBytes(known, b, from, length)) {
                return s;
            }
            i = (i + 1) & MASK;
        }
    }

    /** Whether {@code known} equals {@code b[from, from + length)}; a plain loop, as the names are short. */
    static boolean sameBytes(byte[] known, byte[] b, int from, int length) {
        if (known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the String equals the ASCII bytes. */
    static boolean sameAscii(String s, byte[] b, int from, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The name as US-ASCII bytes (for writers). */
    static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
