package io.carrack.remoting.protocol.route;

import io.carrack.common.message.TopicConfig;
import io.carrack.common.message.TopicFilterType;
import io.carrack.remoting.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Body of REGISTER_BROKER (103): the broker's topic table and its filter servers.
 *
 * <p>Plain form (header {@code compressed=false}), JSON:
 * {@code {"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{...},"topicConfigTable":{...}}}}.
 *
 * <p>Compressed form (header {@code compressed=true}, broker config {@code compressedRegister}): a zlib
 * stream (best compression) holding, with big-endian 4-byte lengths and counts,
 * <pre>
 *  int n + n bytes   DataVersion JSON
 *  int count         number of topics
 *  count times:      int n + n bytes  "topicName readQueueNums writeQueueNums perm topicFilterType"
 *  int n + n bytes   filter server list, JSON array
 * </pre>
 * The compressed form carries neither {@code topicSysFlag} nor {@code order}; they decode as 0 and false.
 *
 * <p>Thread safety: not thread-safe.
 */
public final class RegisterBrokerBody {
    private static final String SEPARATOR = " ";
    private static final int TOPIC_FIELDS = 5;

    private TopicConfigSerializeWrapper topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
    private List<String> filterServerList = new ArrayList<>();

    public TopicConfigSerializeWrapper getTopicConfigSerializeWrapper() {
        return topicConfigSerializeWrapper;
    }

    public void setTopicConfigSerializeWrapper(TopicConfigSerializeWrapper wrapper) {
        this.topicConfigSerializeWrapper = wrapper == null ? new TopicConfigSerializeWrapper() : wrapper;
    }

    /** Addresses of the broker's filter servers; empty when it has none. */
    public List<String> getFilterServerList() {
        return filterServerList;
    }

    public void setFilterServerList(List<String> filterServerList) {
        this.filterServerList = filterServerList == null ? new ArrayList<>() : filterServerList;
    }

    /** The body bytes: JSON, or the compressed form described in the class comment. */
    public byte[] encode(boolean compress) {
        if (!compress) {
            return Json.toBytes(this);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            writeChunk(out, Json.toBytes(topicConfigSerializeWrapper.getDataVersion()));
            Map<String, TopicConfig> table = Map.copyOf(topicConfigSerializeWrapper.getTopicConfigTable());
            out.writeInt(table.size());
            for (TopicConfig tc : table.values()) {
                writeChunk(out, topicText(tc).getBytes(StandardCharsets.UTF_8));
            }
            writeChunk(out, Json.toBytes(filterServerList));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress a RegisterBrokerBody", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a body in either form.
     *
     * @throws IllegalArgumentException if the bytes are not a body of that form
     */
    public static RegisterBrokerBody decode(byte[] data, boolean compressed) {
        if (!compressed) {
            RegisterBrokerBody body = Json.fromBytes(data, RegisterBrokerBody.class);
            if (body == null) {
                throw new IllegalArgumentException("empty RegisterBrokerBody");
            }
            return body;
        }
        RegisterBrokerBody body = new RegisterBrokerBody();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            DataVersion version = Json.fromBytes(readChunk(in), DataVersion.class);
            body.topicConfigSerializeWrapper.setDataVersion(version);
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalArgumentException("negative topic count in compressed RegisterBrokerBody: " + count);
            }
            for (int i = 0; i < count; i++) {
                TopicConfig tc = parseTopic(new String(readChunk(in), StandardCharsets.UTF_8));
                body.topicConfigSerializeWrapper.getTopicConfigTable().put(tc.getTopicName(), tc);
            }
            String[] servers = Json.fromBytes(readChunk(in), String[].class);
            body.setFilterServerList(servers == null ? new ArrayList<>() : new ArrayList<>(List.of(servers)));
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated compressed RegisterBrokerBody", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad compressed RegisterBrokerBody: " + e.getMessage(), e);
        }
        return body;
    }

    /** The {@code bodyCrc32} header value of a body: CRC-32 of the bytes with the sign bit cleared. */
    public static int bodyCrc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private static String topicText(TopicConfig tc) {
        return tc.getTopicName() + SEPARATOR + tc.getReadQueueNums() + SEPARATOR + tc.getWriteQueueNums() + SEPARATOR
                + tc.getPerm() + SEPARATOR + tc.getTopicFilterType();
    }

    private static TopicConfig parseTopic(String text) {
        String[] parts = text.split(SEPARATOR);
        if (parts.length != TOPIC_FIELDS) {
            throw new IllegalArgumentException("bad topic entry in compressed RegisterBrokerBody: " + text);
        }
        try {
            TopicConfig tc = new TopicConfig(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]));
            tc.setTopicFilterType("null".equals(parts[4]) ? TopicFilterType.SINGLE_TAG : TopicFilterType.valueOf(parts[4]));
            return tc;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad topic entry in compressed RegisterBrokerBody: " + text, e);
        }
    }

    private static void writeChunk(DataOutputStream out, byte[] chunk) throws IOException {
        out.writeInt(chunk.length);
        out.write(chunk);
    }

    private static byte[] readChunk(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length);
        }
        byte[] chunk = in.readNBytes(length);
        if (chunk.length < length) {
            throw new EOFException("chunk of " + length + " bytes cut at " + chunk.length);
        }
        return chunk;
    }

    @Override
    public String toString() {
        return "RegisterBrokerBody[" + topicConfigSerializeWrapper + ", filterServerList=" + filterServerList + "]";
    }
}
