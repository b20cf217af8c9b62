package io.carrack.filter.server.internal;

import java.util.List;
import java.util.Set;

/**
 * Everything one compiled class refers to, as read from its class file by {@link ClassFileScanner}.
 * Class names are in internal form ({@code java/lang/String}).
 *
 * @param className     the class itself
 * @param superName     its superclass, or null for {@code java/lang/Object}
 * @param interfaces    the interfaces it implements
 * @param classes       every class named by a CONSTANT_Class entry (array element types unwrapped)
 *                      or by any field, method, NameAndType or MethodType descriptor
 * @param members       every field and method reference (Fieldref, Methodref, InterfaceMethodref)
 * @param bootstraps    the method references used as bootstrap methods of invokedynamic or dynamic
 *                      constants
 * @param methods       the methods the class declares
 * @param hasDynamicConstants whether the pool holds CONSTANT_Dynamic entries
 */
record ClassReferences(String className, String superName, List<String> interfaces, Set<String> classes,
                       Set<MemberRef> members, Set<MemberRef> bootstraps, List<DeclaredMethod> methods,
                       boolean hasDynamicConstants) {

    /** A reference to a field or method of a class. */
    record MemberRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name;
        }
    }

    /** A method the class declares. */
    record DeclaredMethod(String name, String descriptor, int access) {
    }
}
