package io.carrack.filter.server.internal;

import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a filter to the body of a PULL_MESSAGE response: decodes the stored records, asks the sandbox
 * which match, and keeps the bytes of those records unchanged.
 *
 * <p>Thread safety: stateless.
 */
final class PullFilter {
    private PullFilter() {
    }

    /** The records of a pull body with their byte ranges. */
    record Decoded(List<StoredMessageView> views, int[] starts, int[] ends, byte[] body) {
        /** The concatenated records whose flag is set. */
        byte[] keep(boolean[] matches) {
            int total = 0;
            for (int i = 0; i < matches.length; i++) {
                if (matches[i]) {
                    total += ends[i] - starts[i];
                }
            }
            byte[] out = new byte[total];
            int pos = 0;
            for (int i = 0; i < matches.length; i++) {
                if (matches[i]) {
                    int n = ends[i] - starts[i];
                    System.arraycopy(body, starts[i], out, pos, n);
                    pos += n;
                }
            }
            return out;
        }
    }

    /**
     * Decodes every record of a pull body.
     *
     * @throws IllegalArgumentException if a record is malformed
     */
    static Decoded decode(byte[] body) {
        ByteBuffer buf = ByteBuffer.wrap(body);
        List<StoredMessageView> views = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            StoredMessage m = StoredMessageCodec.decode(buf);
            views.add(new StoredMessageView(m));
            ranges.add(new int[] {start, buf.position()});
        }
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = ranges.get(i)[0];
            ends[i] = ranges.get(i)[1];
        }
        return new Decoded(views, starts, ends, body);
    }
}
