package io.carrack.filter.server.internal;

import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessage;
import io.carrack.filter.server.api.MessageView;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The {@link MessageView} of a message pulled from the broker. A zlib-compressed body (the producer
 * compresses large bodies) is inflated on first use, up to {@link #MAX_BODY} bytes.
 *
 * <p>Thread safety: effectively immutable; the lazily inflated body is computed idempotently.
 */
public final class StoredMessageView implements MessageView {
    /** The largest inflated body handed to a filter; larger ones are cut. */
    static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int ZLIB = 0x300;

    private final StoredMessage message;
    private final Map<String, String> properties;
    private volatile byte[] body;

    public StoredMessageView(StoredMessage message) {
        this.message = message;
        this.properties = Collections.unmodifiableMap(message.properties());
    }

    @Override
    public String topic() {
        return message.topic();
    }

    @Override
    public String tags() {
        return message.tags();
    }

    @Override
    public String keys() {
        return message.keys();
    }

    @Override
    public String property(String name) {
        return name == null ? null : properties.get(name);
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public byte[] body() {
        return plainBody().clone();
    }

    @Override
    public String bodyAsString() {
        return new String(plainBody(), StandardCharsets.UTF_8);
    }

    @Override
    public String messageId() {
        String uniq = message.uniqueKey();
        return uniq != null ? uniq : message.offsetMessageId();
    }

    @Override
    public int queueId() {
        return message.queueId();
    }

    @Override
    public long queueOffset() {
        return message.queueOffset();
    }

    @Override
    public long bornTimestamp() {
        return message.bornTimestamp();
    }

    @Override
    public long storeTimestamp() {
        return message.storeTimestamp();
    }

    @Override
    public int reconsumeTimes() {
        return message.reconsumeTimes();
    }

    @Override
    public int flag() {
        return message.flag();
    }

    @Override
    public long commitLogOffset() {
        return message.physicalOffset();
    }

    @Override
    public int sysFlag() {
        return message.sysFlag();
    }

    @Override
    public int storeSize() {
        return message.storeSize();
    }

    @Override
    public int bodyCrc() {
        return message.bodyCrc();
    }

    @Override
    public String bornHost() {
        return hostPort(message.bornHost());
    }

    @Override
    public String storeHost() {
        return hostPort(message.storeHost());
    }

    @Override
    public long preparedTransactionOffset() {
        return message.preparedTransactionOffset();
    }

    private static String hostPort(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return host + ":" + a.getPort();
    }

    private byte[] plainBody() {
        byte[] b = body;
        if (b == null) {
            b = decode();
            body = b;
        }
        return b;
    }

    private byte[] decode() {
        int sysFlag = message.sysFlag();
        int type = sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK;
        if ((sysFlag & MessageSysFlag.COMPRESSED_FLAG) == 0 || (type != 0 && type != ZLIB)) {
            return message.body();
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(message.body());
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.body().length * 2);
            byte[] chunk = new byte[8192];
            while (!inflater.finished() && out.size() < MAX_BODY) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, Math.min(n, MAX_BODY - out.size()));
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return message.body();
        } finally {
            inflater.end();
        }
    }
}
