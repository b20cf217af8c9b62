package io.carrack.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The broker-assigned offset message id: store host address, port and physical offset as
 * uppercase hex (PROTOCOL.md section 11.1).
 */
public final class MessageIds {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageIds() {
    }

    /** The offset id of a record stored at {@code physicalOffset} by {@code storeHost}. */
    public static String offsetId(InetSocketAddress storeHost, long physicalOffset) {
        byte[] addr = storeHost.getAddress().getAddress();
        ByteBuffer buf = ByteBuffer.allocate(addr.length + 4 + 8);
        buf.put(addr).putInt(storeHost.getPort()).putLong(physicalOffset);
        return HEX.formatHex(buf.array());
    }

    /**
     * A decoded offset id.
     *
     * @param storeHost      the broker that stored the message
     * @param physicalOffset its commit-log offset
     */
    public record OffsetId(InetSocketAddress storeHost, long physicalOffset) {
    }

    /**
     * Decodes an offset id; 32 hex characters mean IPv4, 56 mean IPv6.
     *
     * @throws IllegalArgumentException if the text is not an offset id
     */
    public static OffsetId decodeOffsetId(String id) {
        if (id == null || (id.length() != 32 && id.length() != 56)) {
            throw new IllegalArgumentException("not an offset message id: " + id);
        }
        byte[] bytes = HEX.parseHex(id);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte[] addr = new byte[id.length() == 32 ? 4 : 16];
        buf.get(addr);
        int port = buf.getInt();
        long offset = buf.getLong();
        try {
            return new OffsetId(new InetSocketAddress(InetAddress.getByAddress(addr), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an offset message id: " + id, e);
        }
    }
}
