package io.carrack.filter.server.internal;

import io.carrack.filter.server.api.MessageFilter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one filter's source text in memory with {@code javax.tools}: release 17, no annotation
 * processing (processors would run user-chosen code inside the server), the filter API on the class
 * path, class files kept in memory.
 *
 * <p>Thread safety: stateless; each call uses its own file manager.
 */
final class SourceCompiler {
    private static final int MAX_DIAGNOSTICS = 10;

    private SourceCompiler() {
    }

    /** The outcome: class files by binary name, or the compiler's errors. */
    record Result(Map<String, byte[]> classes, String errors) {
        boolean ok() {
            return errors == null;
        }
    }

    /**
     * Compiles the source of a public top-level class.
     *
     * @param className binary name of the class the source declares ({@code com.example.MyFilter})
     * @param source    the compilation unit
     */
    static Result compile(String className, String source) {
        return compile(className, source, Map.of());
    }

    /**
     * Compiles the source of a public top-level class together with other compilation units (trusted
     * stand-ins the class may use); the result holds the classes of all of them.
     *
     * @param extra more compilation units by binary class name
     */
    static Result compile(String className, String source, Map<String, String> extra) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return new Result(Map.of(), "no Java compiler in this runtime (module java.compiler / jdk.compiler)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager files = new MemoryFileManager(standard);
        List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none",
                "-Xlint:none", "-nowarn", "-encoding", "UTF-8"));
        String apiPath = apiClassPath();
        if (apiPath != null) {
            options.add("-classpath");
            options.add(apiPath);
        }
        try (files) {
            List<JavaFileObject> units = new ArrayList<>();
            units.add(new SourceFile(className, source));
            extra.forEach((name, text) -> units.add(new SourceFile(name, text)));
            Boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            if (!Boolean.TRUE.equals(ok)) {
                return new Result(Map.of(), describe(diagnostics));
            }
            if (!files.classes.containsKey(className)) {
                return new Result(Map.of(), "the source does not declare class " + className);
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            files.classes.forEach((name, bytes) -> out.put(name, bytes.toByteArray()));
            return new Result(out, null);
        } catch (java.io.IOException e) {
            return new Result(Map.of(), "compiler I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Result(Map.of(), "compiler failed: " + e);
        }
    }

    /** Where the filter API classes are (this module's jar or class directory), for javac's class path. */
    private static String apiClassPath() {
        CodeSource cs = MessageFilter.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return new File(cs.getLocation().toURI()).getPath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder sb = new StringBuilder("compilation failed:");
        int n = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (n++ == MAX_DIAGNOSTICS) {
                sb.append(" ...");
                break;
            }
            sb.append(" [line ").append(d.getLineNumber()).append("] ").append(d.getMessage(Locale.ROOT));
        }
        return sb.toString();
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;

        SourceFile(String className, String source) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static final class ClassFile extends SimpleJavaFileObject {
        private final ByteArrayOutputStream bytes;

        ClassFile(String className, ByteArrayOutputStream bytes) {
            super(URI.create("mem:///" + className.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.bytes = bytes;
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, ByteArrayOutputStream> classes = new ConcurrentHashMap<>();

        MemoryFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            classes.put(className, out);
            return new ClassFile(className, out);
        }
    }
}
