package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a buffer that was never released. Leaks are
 * reported when a collected, unreleased buffer is noticed on a later allocation, so the check
 * collects garbage and allocates a few buffers before looking at the detector's log.
 */
final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("capture", start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        verify(context.getStore(NS).remove("capture", LogCapture.class));
    }

    /** Starts listening to the leak detector. */
    static LogCapture start() {
        return LogCapture.attach(ResourceLeakDetector.class);
    }

    /** Fails if a leak was reported since {@link #start()}; stops listening. */
    static void verify(LogCapture capture) {
        try {
            assertEquals(List.of(), leaks(capture, 3, false), "Netty reported leaked buffers");
        } finally {
            capture.close();
        }
    }

    /**
     * Collects garbage and allocates for up to {@code rounds} rounds so that collected, unreleased buffers
     * are reported, and returns the leak reports seen since {@link #start()}. With {@code untilFound}, stops
     * at the first report.
     */
    static List<String> leaks(LogCapture capture, int rounds, boolean untilFound) {
        List<String> leaks = List.of();
        for (int round = 0; round < rounds; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                buf.release();
            }
            leaks = capture.errors().stream().filter(m -> m.contains("LEAK")).toList();
            if (untilFound && !leaks.isEmpty()) {
                break;
            }
        }
        return leaks;
    }
}
