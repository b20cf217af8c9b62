package io.carrack.broker.internal.support;

import io.carrack.common.message.MessageConst;

/**
 * Edits a message's properties text (PROTOCOL.md section 10.5) without decoding it into a map: the send
 * path removes {@code WAIT} and adds {@code CLUSTER}, which is all it changes for most messages.
 *
 * <p>Thread safety: stateless.
 */
public final class PropertyText {
    private static final char NV = MessageConst.NAME_VALUE_SEPARATOR;
    private static final char PS = MessageConst.PROPERTY_SEPARATOR;

    private PropertyText() {
    }

    /**
     * The text as the broker stores a single sent message: {@code WAIT} removed and
     * {@code CLUSTER=<cluster>} appended, the other segments kept in order. This is what decoding,
     * {@code remove(WAIT)}, {@code put(CLUSTER)} and encoding give for well-formed text.
     *
     * @return the edited text, or null when the text needs the map path: a segment without name or value,
     *         a trailing separator, {@code CLUSTER} already present, or {@code WAIT} twice
     */
    public static String forStore(String text, String cluster) {
        String clusterSegment = MessageConst.CLUSTER + NV + cluster;
        if (text == null || text.isEmpty()) {
            return clusterSegment;
        }
        int len = text.length();
        if (text.charAt(len - 1) == PS) {
            return null;
        }
        int waitStart = -1;
        int waitEnd = -1;
        int seg = 0;
        while (seg < len) {
            int end = text.indexOf(PS, seg);
            if (end < 0) {
                end = len;
            }
            int sep = text.indexOf(NV, seg);
            if (sep <= seg || sep >= end - 1) {
                return null;
            }
            if (isName(text, seg, sep, MessageConst.WAIT_STORE_MSG_OK)) {
                if (waitStart >= 0) {
                    return null;
                }
                waitStart = seg;
                waitEnd = end;
            } else if (isName(text, seg, sep, MessageConst.CLUSTER)) {
                return null;
            }
            seg = end + 1;
        }
        if (waitStart < 0) {
            return text + PS + clusterSegment;
        }
        StringBuilder sb = new StringBuilder(len + clusterSegment.length() + 1);
        if (waitEnd < len) {
            sb.append(text, 0, waitStart).append(text, waitEnd + 1, len);
        } else if (waitStart > 0) {
            sb.append(text, 0, waitStart - 1);
        }
        if (sb.length() > 0) {
            sb.append(PS);
        }
        return sb.append(clusterSegment).toString();
    }

    private static boolean isName(String text, int from, int to, String name) {
        return to - from == name.length() && text.startsWith(name, from);
    }
}
