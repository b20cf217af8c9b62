package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The leak check notices a buffer that is never released. */
class LeakCheckTest {
    @Test
    void reportsAnUnreleasedBuffer() {
        Assumptions.assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "needs -Dio.netty.leakDetection.level=paranoid (set by the build)");
        LogCapture capture = LeakCheck.start();
        try {
            leak();
            // Keep collecting until the detector has reported this leak, so the report cannot surface later
            // inside another test class's check.
            assertFalse(LeakCheck.leaks(capture, 200, true).isEmpty(), "the deliberate leak was reported");
        } finally {
            capture.close();
        }
    }

    private static void leak() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        buf.writeInt(1);
    }
}
