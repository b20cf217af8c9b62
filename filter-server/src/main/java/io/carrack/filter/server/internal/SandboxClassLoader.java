package io.carrack.filter.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * Loads one filter's classes. It sees only the filter's own compiled classes, the filter API and the
 * JDK classes {@link SandboxPolicy} allows; any other name is a {@link ClassNotFoundException}, and no
 * resources are visible. Its parent is the bootstrap loader, so nothing of the filter server's own
 * class path leaks in.
 *
 * <p>Thread safety: a {@link ClassLoader}; registered as parallel capable.
 */
final class SandboxClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /**
     * @param name    a name for diagnostics (shown in stack traces)
     * @param classes the filter's class files by binary name ({@code com.example.MyFilter})
     */
    SandboxClassLoader(String name, Map<String, byte[]> classes) {
        super(name, null);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = find(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> find(String name) throws ClassNotFoundException {
        byte[] own = classes.get(name);
        if (own != null) {
            return defineClass(name, own, 0, own.length);
        }
        String internal = SandboxPolicy.internal(name);
        Class<?> api = SandboxPolicy.API.get(internal);
        if (api != null) {
            return api;
        }
        if (SandboxPolicy.isAllowedClass(internal)) {
            return super.loadClass(name, false);
        }
        throw new ClassNotFoundException(name + " is not available to filter classes ("
                + SandboxPolicy.reasonForClass(internal) + ")");
    }

    /** Whether the filter's own compiled classes include {@code name}. */
    boolean hasOwn(String name) {
        return classes.containsKey(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    @Override
    public URL getResource(String name) {
        return null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return Collections.emptyEnumeration();
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return null;
    }
}
