package io.carrack.filter.server.internal;

import static io.carrack.filter.server.internal.ClassFileDescriptor.*;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a class file's constant pool, declared fields and methods and BootstrapMethods attribute, and
 * collects every class and member it refers to ({@link ClassReferences}). It does not verify the code;
 * the JVM's verifier does that when the class is defined.
 *
 * <p>Thread safety: stateless.
 */
final class ClassFileScanner {
    private ClassFileScanner() {
    }

    /**
     * Scans one class file.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed class file
     */
    static ClassReferences scan(byte[] classFile) {
        try {
            return new Reader(new DataInputStream(new ByteArrayInputStream(classFile))).read();
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated class file", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed class file: " + e, e);
        }
    }

    /** Unwraps array descriptors ({@code [[Ljava/io/File;} to {@code java/io/File}); null for primitives. */
    static String elementClass(String classConstant) {
        if (!classConstant.startsWith("[")) {
            return classConstant;
        }
        int i = 0;
        while (i < classConstant.length() && classConstant.charAt(i) == '[') {
            i++;
        }
        if (i < classConstant.length() && classConstant.charAt(i) == 'L' && classConstant.endsWith(";")) {
            return classConstant.substring(i + 1, classConstant.length() - 1);
        }
        return null;
    }

    /** Adds every class named in a field or method descriptor. */
    static void classesOfDescriptor(String descriptor, Set<String> out) {
        int i = 0;
        while (i < descriptor.length()) {
            if (descriptor.charAt(i) == 'L') {
                int end = descriptor.indexOf(';', i);
                if (end < 0) {
                    throw new IllegalArgumentException("bad descriptor " + descriptor);
                }
                out.add(descriptor.substring(i + 1, end));
                i = end + 1;
            } else {
                i++;
            }
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private int[] tags;
        private Object[] values;

        Reader(DataInputStream in) {
            this.in = in;
        }

        ClassReferences read() throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a class file (bad magic)");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            readPool();
            in.readUnsignedShort();
            String self = className(in.readUnsignedShort());
            int superIndex = in.readUnsignedShort();
            String superName = superIndex == 0 ? null : className(superIndex);
            List<String> interfaces = new ArrayList<>();
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                interfaces.add(className(in.readUnsignedShort()));
            }
            Set<String> classes = new LinkedHashSet<>();
            List<ClassReferences.DeclaredMethod> methods = new ArrayList<>();
            int fields = in.readUnsignedShort();
            for (int i = 0; i < fields; i++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                classesOfDescriptor(utf8(in.readUnsignedShort()), classes);
                skipAttributes();
            }
            int methodCount = in.readUnsignedShort();
            for (int i = 0; i < methodCount; i++) {
                int access = in.readUnsignedShort();
                String name = utf8(in.readUnsignedShort());
                String desc = utf8(in.readUnsignedShort());
                classesOfDescriptor(desc, classes);
                methods.add(new ClassReferences.DeclaredMethod(name, desc, access));
                skipAttributes();
            }
            Set<Integer> bootstrapHandles = readClassAttributes();
            return collect(self, superName, interfaces, classes, methods, bootstrapHandles);
        }

        private ClassReferences collect(String self, String superName, List<String> interfaces, Set<String> classes,
                                        List<ClassReferences.DeclaredMethod> methods, Set<Integer> bootstrapHandles) {
            Set<ClassReferences.MemberRef> members = new LinkedHashSet<>();
            Set<ClassReferences.MemberRef> bootstraps = new LinkedHashSet<>();
            boolean dynamic = false;
            for (int i = 1; i < tags.length; i++) {
                switch (tags[i]) {
                    case CONSTANT_CLASS -> {
                        String element = elementClass(className(i));
                        if (element != null) {
                            classes.add(element);
                        }
                    }
                    case CONSTANT_FIELDREF, CONSTANT_METHODREF, CONSTANT_INTERFACE_METHODREF -> members.add(member(i));
                    case CONSTANT_NAME_AND_TYPE -> classesOfDescriptor(utf8(((int[]) values[i])[1]), classes);
                    case CONSTANT_METHOD_TYPE -> classesOfDescriptor(utf8((Integer) values[i]), classes);
                    case CONSTANT_DYNAMIC -> dynamic = true;
                    default -> {
                    }
                }
            }
            for (int handle : bootstrapHandles) {
                if (tags[handle] != CONSTANT_METHOD_HANDLE) {
                    throw new IllegalArgumentException("bootstrap method #" + handle + " is not a method handle");
                }
                bootstraps.add(member(((int[]) values[handle])[1]));
            }
            return new ClassReferences(self, superName, List.copyOf(interfaces), Set.copyOf(classes),
                    Set.copyOf(members), Set.copyOf(bootstraps), List.copyOf(methods), dynamic);
        }

        private void readPool() throws IOException {
            int count = in.readUnsignedShort();
            tags = new int[count];
            values = new Object[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case CONSTANT_UTF8 -> values[i] = in.readUTF();
                    case CONSTANT_INTEGER, CONSTANT_FLOAT -> in.readInt();
                    case CONSTANT_LONG, CONSTANT_DOUBLE -> {
                        in.readLong();
                        i++;
                    }
                    case CONSTANT_CLASS, CONSTANT_STRING, CONSTANT_METHOD_TYPE, CONSTANT_MODULE, CONSTANT_PACKAGE ->
                            values[i] = in.readUnsignedShort();
                    case CONSTANT_FIELDREF, CONSTANT_METHODREF, CONSTANT_INTERFACE_METHODREF, CONSTANT_NAME_AND_TYPE,
                         CONSTANT_DYNAMIC, CONSTANT_INVOKE_DYNAMIC ->
                            values[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case CONSTANT_METHOD_HANDLE -> values[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at #" + i);
                }
            }
        }

        private Set<Integer> readClassAttributes() throws IOException {
            Set<Integer> handles = new HashSet<>();
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                String name = utf8(in.readUnsignedShort());
                int length = in.readInt();
                if (!BOOTSTRAP_METHODS.equals(name)) {
                    in.skipNBytes(length);
                    continue;
                }
                int methods = in.readUnsignedShort();
                for (int m = 0; m < methods; m++) {
                    handles.add(in.readUnsignedShort());
                    int args = in.readUnsignedShort();
                    for (int a = 0; a < args; a++) {
                        in.readUnsignedShort();
                    }
                }
            }
            return handles;
        }

        private void skipAttributes() throws IOException {
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                in.readUnsignedShort();
                in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
            }
        }

        private ClassReferences.MemberRef member(int index) {
            int[] ref = (int[]) values[expect(index, CONSTANT_FIELDREF, CONSTANT_METHODREF,
                    CONSTANT_INTERFACE_METHODREF)];
            int[] nat = (int[]) values[expect(ref[1], CONSTANT_NAME_AND_TYPE)];
            return new ClassReferences.MemberRef(className(ref[0]), utf8(nat[0]), utf8(nat[1]));
        }

        private String className(int index) {
            return utf8((Integer) values[expect(index, CONSTANT_CLASS)]);
        }

        private String utf8(int index) {
            return (String) values[expect(index, CONSTANT_UTF8)];
        }

        private int expect(int index, int... expected) {
            if (index <= 0 || index >= tags.length) {
                throw new IllegalArgumentException("constant pool index " + index + " out of range");
            }
            for (int t : expected) {
                if (tags[index] == t) {
                    return index;
                }
            }
            throw new IllegalArgumentException("constant #" + index + " has tag " + tags[index]);
        }
    }
}
