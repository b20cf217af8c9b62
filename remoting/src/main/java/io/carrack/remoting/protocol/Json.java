package io.carrack.remoting.protocol;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;
import com.alibaba.fastjson2.TypeReference;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON of remoting bodies, following what the RocketMQ 4.x client writes and accepts (PROTOCOL.md
 * section 3): bean property names, enums as names, nulls omitted, map keys quoted. Reading also
 * accepts fastjson 1.x's unquoted numeric keys.
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

    private Json() {
    }

    /** UTF-8 JSON of an object. */
    public static byte[] toBytes(Object value) {
        return JSON.toJSONBytes(value, WRITE);
    }

    /** JSON text of an object. */
    public static String toText(Object value) {
        return JSON.toJSONString(value, WRITE);
    }

    /** Parses UTF-8 JSON. */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return JSON.parseObject(new String(json, StandardCharsets.UTF_8), type, READ);
    }

    /** Parses UTF-8 JSON into a generic type. */
    public static <T> T fromBytes(byte[] json, TypeReference<T> type) {
        return fromText(new String(json, StandardCharsets.UTF_8), type.getType());
    }

    /** Parses JSON text. */
    public static <T> T fromText(String json, Class<T> type) {
        return JSON.parseObject(json, type, READ);
    }

    /** Parses JSON text into a type. */
    public static <T> T fromText(String json, Type type) {
        return JSON.parseObject(json, type, READ);
    }
}
