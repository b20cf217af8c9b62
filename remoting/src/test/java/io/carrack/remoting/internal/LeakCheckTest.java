package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The leak check notices a buffer that is never released. */
class LeakCheckTest {
    @Test
    void reportsAnUnreleasedBuffer() {
        Assumptions.assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "needs -Dio.netty.leakDetection.level=paranoid (set by the build)");
        LogCapture capture = LeakCheck.start();
        leak();
        assertThrows(AssertionFailedError.class, () -> LeakCheck.verify(capture));
    }

    private static void leak() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        buf.writeInt(1);
    }
}
