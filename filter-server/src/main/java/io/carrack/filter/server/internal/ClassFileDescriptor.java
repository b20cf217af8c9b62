package io.carrack.filter.server.internal;

/**
 * Constants of the JVM class-file format (JVMS chapter 4) that {@link ClassFileScanner} needs.
 * <pre>
 *  u4 magic 0xCAFEBABE | u2 minor | u2 major | u2 cp_count | cp_info[cp_count-1]
 *  u2 access | u2 this_class | u2 super_class | u2 n + u2[n] interfaces
 *  u2 n + field_info[n] | u2 n + method_info[n] | u2 n + attribute_info[n]
 *  field_info / method_info: u2 access | u2 name | u2 descriptor | u2 n + attribute_info[n]
 *  attribute_info: u2 name | u4 length | u1[length]
 *  BootstrapMethods attribute: u2 n + { u2 method_handle | u2 argc + u2[argc] }[n]
 * </pre>
 */
final class ClassFileDescriptor {
    static final int MAGIC = 0xCAFEBABE;

    static final int CONSTANT_UTF8 = 1;
    static final int CONSTANT_INTEGER = 3;
    static final int CONSTANT_FLOAT = 4;
    static final int CONSTANT_LONG = 5;
    static final int CONSTANT_DOUBLE = 6;
    static final int CONSTANT_CLASS = 7;
    static final int CONSTANT_STRING = 8;
    static final int CONSTANT_FIELDREF = 9;
    static final int CONSTANT_METHODREF = 10;
    static final int CONSTANT_INTERFACE_METHODREF = 11;
    static final int CONSTANT_NAME_AND_TYPE = 12;
    static final int CONSTANT_METHOD_HANDLE = 15;
    static final int CONSTANT_METHOD_TYPE = 16;
    static final int CONSTANT_DYNAMIC = 17;
    static final int CONSTANT_INVOKE_DYNAMIC = 18;
    static final int CONSTANT_MODULE = 19;
    static final int CONSTANT_PACKAGE = 20;

    static final int ACC_NATIVE = 0x0100;

    static final String BOOTSTRAP_METHODS = "BootstrapMethods";

    private ClassFileDescriptor() {
    }
}
