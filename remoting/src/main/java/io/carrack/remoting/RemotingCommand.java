package io.carrack.remoting;

import io.carrack.remoting.internal.FieldMap;
import io.carrack.remoting.protocol.LanguageCode;
import io.carrack.remoting.protocol.SerializeType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request or response of the RocketMQ 4.x remoting protocol: a header (code, language, version,
 * opaque, flag, remark, string fields) and an opaque body.
 *
 * <p>Thread safety: not thread-safe; a command belongs to one thread until it is sent.
 */
public final class RemotingCommand {
    /** The version ordinal Carrack sends: the 4.9.7 value, so clients allow SQL92 pulls. */
    public static final int CURRENT_VERSION = 407;
    private static final int RESPONSE_BIT = 1;
    private static final int ONEWAY_BIT = 2;
    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = CURRENT_VERSION;
    private int opaque;
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    private byte[] body;
    private SerializeType serializeType = SerializeType.JSON;

    /** A new request with a fresh opaque. */
    public static RemotingCommand request(int code) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        cmd.opaque = NEXT_OPAQUE.getAndIncrement();
        return cmd;
    }

    /** A response with the given code and remark; its opaque is set when it answers a request. */
    public static RemotingCommand response(int code, String remark) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        cmd.remark = remark;
        cmd.flag = RESPONSE_BIT;
        return cmd;
    }

    /** A response to {@code request}: same opaque and serialize type. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand cmd = response(code, remark);
        cmd.opaque = request.opaque;
        cmd.serializeType = request.serializeType;
        return cmd;
    }

    /** An empty command for decoders to fill. */
    public static RemotingCommand empty() {
        return new RemotingCommand();
    }

    public int code() {
        return code;
    }

    public RemotingCommand code(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode language() {
        return language;
    }

    public RemotingCommand language(LanguageCode language) {
        this.language = language;
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand version(int version) {
        this.version = version;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand opaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand flag(int flag) {
        this.flag = flag;
        return this;
    }

    public boolean isResponse() {
        return (flag & RESPONSE_BIT) != 0;
    }

    public boolean isOneway() {
        return (flag & ONEWAY_BIT) != 0;
    }

    /** Marks this request as one-way: no response will be sent. */
    public RemotingCommand markOneway() {
        flag |= ONEWAY_BIT;
        return this;
    }

    /** Marks this command as a response. */
    public RemotingCommand markResponse() {
        flag |= RESPONSE_BIT;
        return this;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand remark(String remark) {
        this.remark = remark;
        return this;
    }

    /** The header fields; never null, mutable. */
    public Map<String, String> extFields() {
        if (extFields == null) {
            extFields = new FieldMap();
        }
        return extFields;
    }

    /** Whether any header field is present. */
    public boolean hasExtFields() {
        return extFields != null && !extFields.isEmpty();
    }

    public RemotingCommand extFields(Map<String, String> fields) {
        this.extFields = fields;
        return this;
    }

    /** Adds a header field as its string form; a null value is skipped. */
    public RemotingCommand field(String name, Object value) {
        if (value != null) {
            extFields().put(name, String.valueOf(value));
        }
        return this;
    }

    /** A header field, or null. */
    public String field(String name) {
        return extFields == null ? null : extFields.get(name);
    }

    /** A required header field. */
    public String requireField(String name) {
        String v = field(name);
        if (v == null) {
            throw new RemotingCommandException("the header field " + name + " is null");
        }
        return v;
    }

    /** A required int header field. */
    public int intField(String name) {
        String v = requireField(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new RemotingCommandException("the header field " + name + " is not an int: " + v);
        }
    }

    /** An optional int header field. */
    public int intField(String name, int defaultValue) {
        return field(name) == null ? defaultValue : intField(name);
    }

    /** A required long header field. */
    public long longField(String name) {
        String v = requireField(name);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new RemotingCommandException("the header field " + name + " is not a long: " + v);
        }
    }

    /** An optional long header field. */
    public long longField(String name, long defaultValue) {
        return field(name) == null ? defaultValue : longField(name);
    }

    /** An optional boolean header field. */
    public boolean booleanField(String name, boolean defaultValue) {
        String v = field(name);
        return v == null ? defaultValue : Boolean.parseBoolean(v.trim());
    }

    public byte[] body() {
        return body;
    }

    public RemotingCommand body(byte[] body) {
        this.body = body;
        return this;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    public RemotingCommand serializeType(SerializeType type) {
        this.serializeType = type;
        return this;
    }

    @Override
    public String toString() {
        return "RemotingCommand[code=" + code + ", language=" + language + ", version=" + version + ", opaque="
                + opaque + ", flag=" + flag + ", remark=" + remark + ", extFields=" + extFields + ", bodyLength="
                + (body == null ? 0 : body.length) + ", serializeType=" + serializeType + "]";
    }
}
