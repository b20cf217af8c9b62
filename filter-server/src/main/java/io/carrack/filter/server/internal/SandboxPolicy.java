package io.carrack.filter.server.internal;

import io.carrack.filter.server.api.MessageFilter;
import io.carrack.filter.server.api.MessageView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whitelist a filter class is checked against, on its bytecode, before it is loaded: which JDK
 * classes it may name, which of their members are still off limits, and which invokedynamic bootstraps
 * (lambdas, string concatenation, records) it may use. {@link #check} lists every violation with the
 * reason (file I/O, network, reflection, threads, system access, class loading, native code).
 *
 * <p>Classes are allowed if they are the filter's own classes, the filter API, or listed here. The
 * {@link SandboxClassLoader} applies the same class list again at run time.
 *
 * <p>Thread safety: immutable.
 */
final class SandboxPolicy {
    /** The API types a filter sees, by internal name. */
    static final Map<String, Class<?>> API = Map.of(
            internal(MessageFilter.class.getName()), MessageFilter.class,
            internal(MessageView.class.getName()), MessageView.class);

    private static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "CharSequence", "Comparable", "Iterable",
            "AutoCloseable", "Cloneable", "Math", "StrictMath", "Number", "Integer", "Long", "Short", "Byte",
            "Character", "Boolean", "Double", "Float", "Void", "Enum", "Record", "Override", "Deprecated",
            "FunctionalInterface", "SuppressWarnings", "SafeVarargs", "Throwable", "Error", "Exception",
            "RuntimeException", "IllegalArgumentException", "IllegalStateException", "NullPointerException",
            "ArithmeticException", "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException",
            "StringIndexOutOfBoundsException", "NumberFormatException", "UnsupportedOperationException",
            "ClassCastException", "CloneNotSupportedException", "NegativeArraySizeException", "ArrayStoreException",
            "AssertionError", "NoSuchFieldError",
            // allowed as types only: see MEMBER_LIMITED
            "Class", "System");

    private static final Set<String> JAVA_UTIL = Set.of(
            "ArrayList", "LinkedList", "HashMap", "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet",
            "ArrayDeque", "PriorityQueue", "EnumMap", "EnumSet", "IdentityHashMap", "Arrays", "Collections",
            "Collection", "List", "Map", "Map$Entry", "Set", "SortedMap", "SortedSet", "NavigableMap", "NavigableSet",
            "Queue", "Deque", "Iterator", "ListIterator", "Comparator", "Objects", "Optional", "OptionalInt",
            "OptionalLong", "OptionalDouble", "StringJoiner", "BitSet", "Base64", "Base64$Decoder", "Base64$Encoder",
            "HexFormat", "Locale", "UUID", "Random", "NoSuchElementException", "ConcurrentModificationException",
            "AbstractMap", "AbstractMap$SimpleEntry", "AbstractMap$SimpleImmutableEntry", "AbstractList",
            "AbstractSet", "AbstractCollection", "RandomAccess", "PrimitiveIterator", "PrimitiveIterator$OfInt",
            "PrimitiveIterator$OfLong", "PrimitiveIterator$OfDouble", "IntSummaryStatistics",
            "LongSummaryStatistics", "DoubleSummaryStatistics");

    private static final Set<String> OTHER_CLASSES = Set.of(
            "java/nio/charset/StandardCharsets", "java/nio/charset/Charset");

    private static final List<String> PACKAGES = List.of(
            "java/util/regex/", "java/util/function/", "java/util/stream/", "java/math/", "java/time/",
            "java/time/format/", "java/time/temporal/", "java/time/chrono/");

    /** Classes of allowed packages that are still refused. */
    private static final Set<String> EXCLUDED = Set.of(
            "java/util/stream/StreamSupport", "java/time/zone/ZoneRulesProvider");

    /**
     * Types the bytecode of javac's lambdas, string concatenation and records names; their members may
     * only be used as the bootstrap methods in {@link #BOOTSTRAPS}.
     */
    private static final Set<String> BOOTSTRAP_ONLY = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory",
            "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandle",
            "java/lang/invoke/MethodType", "java/lang/invoke/CallSite", "java/lang/runtime/ObjectMethods",
            "java/lang/invoke/TypeDescriptor", "java/lang/invoke/TypeDescriptor$OfField");

    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat", "java/lang/runtime/ObjectMethods.bootstrap");

    /** Allowed classes of which only the listed members may be used. */
    private static final Map<String, Set<String>> MEMBER_LIMITED = Map.of(
            "java/lang/System", Set.of("arraycopy", "currentTimeMillis", "nanoTime", "identityHashCode",
                    "lineSeparator"),
            "java/lang/Class", Set.of("desiredAssertionStatus"));

    /** Members of allowed classes that are refused, with the reason. */
    private static final Map<String, String> MEMBER_DENIED = Map.of(
            "java/lang/Integer.getInteger", "system access (reads system properties)",
            "java/lang/Long.getLong", "system access (reads system properties)",
            "java/lang/Boolean.getBoolean", "system access (reads system properties)",
            "java/util/Locale.setDefault", "system access (changes the process's default locale)");

    /** Member names refused on any class. */
    private static final Map<String, String> NAME_DENIED = Map.of(
            "printStackTrace", "console output",
            "finalize", "finalizers (run outside the time budget)");

    private static final String[] RESERVED_PACKAGES = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "io/carrack/"};

    private SandboxPolicy() {
    }

    /**
     * Checks the compiled classes of one filter.
     *
     * @param classes the filter's own classes, scanned
     * @return the violations, sorted; empty when the filter may be loaded
     */
    static List<String> check(Collection<ClassReferences> classes) {
        Set<String> own = new TreeSet<>();
        for (ClassReferences c : classes) {
            own.add(c.className());
        }
        Set<String> problems = new TreeSet<>();
        for (ClassReferences c : classes) {
            String where = display(c.className());
            for (String reserved : RESERVED_PACKAGES) {
                if (c.className().startsWith(reserved)) {
                    problems.add(where + ": a filter class may not be in package " + display(reserved));
                }
            }
            for (String name : c.classes()) {
                if (!own.contains(name) && !isAllowedClass(name)) {
                    problems.add(where + " uses " + display(name) + ": " + reasonForClass(name) + " is not allowed");
                }
            }
            for (ClassReferences.MemberRef m : c.members()) {
                String reason = memberProblem(m, own, c.bootstraps().contains(m));
                if (reason != null) {
                    problems.add(where + " uses " + m + ": " + reason + " is not allowed");
                }
            }
            for (ClassReferences.MemberRef b : c.bootstraps()) {
                if (!BOOTSTRAPS.contains(b.owner() + "." + b.name())) {
                    problems.add(where + " uses " + b + " as an invokedynamic bootstrap: reflection is not allowed");
                }
            }
            if (c.hasDynamicConstants()) {
                problems.add(where + " uses dynamic constants: reflection is not allowed");
            }
            for (ClassReferences.DeclaredMethod m : c.methods()) {
                if ((m.access() & ClassFileDescriptor.ACC_NATIVE) != 0) {
                    problems.add(where + " declares native method " + m.name() + ": native code is not allowed");
                }
                if (m.name().equals("finalize") && m.descriptor().equals("()V")) {
                    problems.add(where + " declares finalize(): finalizers (run outside the time budget) are not"
                            + " allowed");
                }
            }
        }
        return new ArrayList<>(problems);
    }

    /** Whether a filter may name a class that is not its own (internal name). */
    static boolean isAllowedClass(String name) {
        if (API.containsKey(name) || OTHER_CLASSES.contains(name) || BOOTSTRAP_ONLY.contains(name)) {
            return true;
        }
        if (EXCLUDED.contains(name)) {
            return false;
        }
        int slash = name.lastIndexOf('/');
        String pkg = name.substring(0, slash + 1);
        String simple = name.substring(slash + 1);
        return switch (pkg) {
            case "java/lang/" -> JAVA_LANG.contains(simple);
            case "java/util/" -> JAVA_UTIL.contains(simple);
            default -> PACKAGES.contains(pkg);
        };
    }

    private static String memberProblem(ClassReferences.MemberRef m, Set<String> own, boolean isBootstrap) {
        String denied = NAME_DENIED.get(m.name());
        if (denied != null) {
            return denied;
        }
        if (m.name().startsWith("parallel")) {
            return "threads (parallel streams and arrays)";
        }
        if (own.contains(m.owner())) {
            return null;
        }
        if (BOOTSTRAP_ONLY.contains(m.owner())) {
            return isBootstrap ? null : "reflection (java.lang.invoke)";
        }
        String key = m.owner() + "." + m.name();
        if (MEMBER_DENIED.containsKey(key)) {
            return MEMBER_DENIED.get(key);
        }
        Set<String> limited = MEMBER_LIMITED.get(m.owner());
        if (limited != null && !limited.contains(m.name())) {
            return reasonForMember(m);
        }
        return null;
    }

    private static String reasonForMember(ClassReferences.MemberRef m) {
        if (m.owner().equals("java/lang/Class")) {
            return switch (m.name()) {
                case "forName", "getClassLoader", "getModule" -> "class loading";
                default -> "reflection";
            };
        }
        return switch (m.name()) {
            case "exit", "halt", "runFinalization", "gc" -> "System." + m.name();
            case "load", "loadLibrary", "mapLibraryName" -> "native code";
            case "in", "out", "err", "console", "setOut", "setErr", "setIn" -> "console and file I/O";
            default -> "system access (" + display(m.owner()) + "." + m.name() + ")";
        };
    }

    /** A short reason why a class is refused, by its package. */
    static String reasonForClass(String name) {
        if (name.startsWith("java/io/") || name.startsWith("java/nio/file/") || name.startsWith("java/nio/channels/")
                || name.startsWith("java/util/zip/") || name.startsWith("java/util/jar/")) {
            return "file I/O";
        }
        if (name.startsWith("java/net/") || name.startsWith("javax/net/") || name.startsWith("java/rmi/")
                || name.startsWith("java/net/http/")) {
            return "network";
        }
        if (name.startsWith("java/lang/reflect/") || name.startsWith("java/lang/invoke/")
                || name.startsWith("sun/misc/") || name.startsWith("jdk/internal/")) {
            return "reflection";
        }
        if (name.equals("java/lang/Thread") || name.startsWith("java/lang/Thread$") || name.equals("java/lang/ThreadGroup")
                || name.equals("java/lang/ThreadLocal") || name.equals("java/lang/InheritableThreadLocal")
                || name.equals("java/lang/Runnable") || name.startsWith("java/util/concurrent/")
                || name.equals("java/util/Timer") || name.equals("java/util/TimerTask")
                || name.equals("java/util/stream/StreamSupport")) {
            return "threads";
        }
        if (name.equals("java/lang/ClassLoader") || name.equals("java/lang/Module") || name.equals("java/lang/ModuleLayer")
                || name.startsWith("java/lang/module/") || name.equals("java/util/ServiceLoader")) {
            return "class loading";
        }
        if (name.equals("java/lang/Runtime") || name.equals("java/lang/ProcessBuilder") || name.equals("java/lang/Process")
                || name.equals("java/lang/SecurityManager") || name.equals("java/lang/StackWalker")
                || name.startsWith("java/lang/management/") || name.startsWith("java/lang/ref/")) {
            return "system access (" + display(name) + ")";
        }
        return "a class outside the filter sandbox's whitelist";
    }

    static String internal(String binaryName) {
        return binaryName.replace('.', '/');
    }

    static String display(String internalName) {
        return internalName.replace('/', '.');
    }
}
