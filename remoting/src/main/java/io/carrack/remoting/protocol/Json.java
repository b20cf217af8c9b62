package io.carrack.remoting.protocol;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;
import com.alibaba.fastjson2.TypeReference;
import com.alibaba.fastjson2.reader.ObjectReader;
import com.alibaba.fastjson2.reader.ObjectReaderProvider;
import io.carrack.common.message.MessageQueue;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON of remoting bodies, following what the RocketMQ 4.x client writes and accepts (PROTOCOL.md
 * section 3): bean property names, enums as names, nulls omitted, numeric map keys quoted
 * ({@code {"0":"ip:port"}}), dates as epoch milliseconds. A {@code Map<MessageQueue,…>} is written with
 * the queue as a JSON object key, as fastjson 1.x does ({@code {{"brokerName":"b","queueId":0,"topic":"t"}:5}}).
 *
 * <p>Reading accepts fastjson 1.x's unquoted numeric keys ({@code {0:"a"}}) and both forms of
 * {@code MessageQueue} keys: the object key and a string holding the object's JSON.
 *
 * <p>Thread safety: stateless.
 */
public final class Json {
    private static final JSONReader.Feature[] READ = {
        JSONReader.Feature.AllowUnQuotedFieldNames,
        JSONReader.Feature.SupportSmartMatch,
        JSONReader.Feature.IgnoreSetNullValue,
    };
    private static final JSONWriter.Feature[] WRITE = {
        JSONWriter.Feature.WriteNonStringKeyAsString,
    };
    /** fastjson 1.x writes {@code java.util.Date} as a number. */
    private static final String DATE_FORMAT = "millis";
    /** A private provider, so the MessageQueue reader does not change fastjson2's global state. */
    private static final ObjectReaderProvider READERS = readers();

    private Json() {
    }

    /** UTF-8 JSON of an object. */
    public static byte[] toBytes(Object value) {
        return JSON.toJSONBytes(value, DATE_FORMAT, WRITE);
    }

    /** JSON text of an object. */
    public static String toText(Object value) {
        return JSON.toJSONString(value, DATE_FORMAT, WRITE);
    }

    /** Parses UTF-8 JSON. */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return fromText(new String(json, StandardCharsets.UTF_8), type);
    }

    /** Parses UTF-8 JSON into a generic type. */
    public static <T> T fromBytes(byte[] json, TypeReference<T> type) {
        return fromText(new String(json, StandardCharsets.UTF_8), type.getType());
    }

    /** Parses UTF-8 JSON into a type. */
    public static <T> T fromBytes(byte[] json, Type type) {
        return fromText(new String(json, StandardCharsets.UTF_8), type);
    }

    /** Parses JSON text. */
    public static <T> T fromText(String json, Class<T> type) {
        return JSON.parseObject(json, type, context());
    }

    /** Parses JSON text into a type. */
    public static <T> T fromText(String json, Type type) {
        return JSON.parseObject(json, type, context());
    }

    private static JSONReader.Context context() {
        return new JSONReader.Context(READERS, READ);
    }

    @SuppressWarnings("unchecked") // fastjson2 returns a raw ObjectReader for a Class
    private static ObjectReaderProvider readers() {
        ObjectReaderProvider provider = new ObjectReaderProvider();
        ObjectReader<MessageQueue> plain = provider.getObjectReader(MessageQueue.class);
        provider.register(MessageQueue.class, new MessageQueueReader(plain));
        return provider;
    }

    /** Reads a MessageQueue from its JSON object or from a string holding that object. */
    private record MessageQueueReader(ObjectReader<MessageQueue> plain) implements ObjectReader<MessageQueue> {
        @Override
        public MessageQueue readObject(JSONReader reader, Type fieldType, Object fieldName, long features) {
            if (reader.isString()) {
                String text = reader.readString();
                try (JSONReader nested = JSONReader.of(text, context())) {
                    return plain.readObject(nested, fieldType, fieldName, features);
                }
            }
            return plain.readObject(reader, fieldType, fieldName, features);
        }
    }
}
