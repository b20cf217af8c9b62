package io.carrack.remoting.protocol;

/** How a frame's header is encoded: the high byte of the header-length field. */
public enum SerializeType {
    JSON((byte) 0), ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    /** The byte written in the frame. */
    public byte code() {
        return code;
    }

    /** The type for a frame byte, or null if unknown. */
    public static SerializeType of(byte code) {
        return code == 0 ? JSON : code == 1 ? ROCKETMQ : null;
    }
}
