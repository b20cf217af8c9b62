package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import java.lang.management.ManagementFactory;

/**
 * Whether the first message of a queue is "still in memory" in RocketMQ's sense: its commit-log
 * distance from the newest byte is within {@code accessMessageInMemoryMaxRatio} (40%) of physical
 * memory. A new consumer group reads such a young queue from offset 0 (PROTOCOL.md section 7.4).
 */
public final class QueueResidency {
    private static final double IN_MEMORY_RATIO = 0.40;

    private final BrokerContext ctx;
    private final long memoryBytes;

    public QueueResidency(BrokerContext ctx) {
        this.ctx = ctx;
        long total = Runtime.getRuntime().maxMemory();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        this.memoryBytes = total;
    }

    /** Whether the queue's message at offset 0 is recent enough; true for an empty queue. */
    public boolean firstMessageInMemory(String topic, int queueId) {
        try (GetResult r = ctx.store().get(topic, queueId, 0, 1, MessageFilter.ALL)) {
            if (r.status() != GetStatus.FOUND || r.messages().isEmpty()) {
                return r.maxOffset() <= 0 || r.status() != GetStatus.OFFSET_TOO_SMALL;
            }
            long physical = StoredMessageCodec.readPhysicalOffset(r.messages().get(0));
            long newest = ctx.store().stats().maxPhysicalOffset();
            return newest - physical <= (long) (memoryBytes * IN_MEMORY_RATIO);
        }
    }
}
