package io.carrack.store.mmap.internal;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Unsafe;

/**
 * Releases a mapping at once instead of waiting for the garbage collector. The only class that uses
 * {@code sun.misc.Unsafe} ({@code jdk.unsupported}). Callers guarantee that nobody touches the buffer
 * afterwards: {@link MappedFile} calls it only when its reference count reaches 0.
 *
 * <p>Thread safety: stateless.
 */
final class Unmapper {
    private static final Logger LOG = LoggerFactory.getLogger(Unmapper.class);
    private static final Unsafe UNSAFE = loadUnsafe();

    private Unmapper() {
    }

    /** Unmaps the buffer; if Unsafe is not available the mapping is left to the garbage collector. */
    static void unmap(MappedByteBuffer buffer) {
        if (UNSAFE == null || buffer == null) {
            return;
        }
        try {
            UNSAFE.invokeCleaner(buffer);
        } catch (RuntimeException e) {
            LOG.warn("could not unmap a buffer; leaving it to the garbage collector", e);
        }
    }

    private static Unsafe loadUnsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("sun.misc.Unsafe not available; mapped files are unmapped by the garbage collector", e);
            return null;
        }
    }
}
