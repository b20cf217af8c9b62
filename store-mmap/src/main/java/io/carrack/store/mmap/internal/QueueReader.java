package io.carrack.store.mmap.internal;

import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.ListGetResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a queue: walks consume-queue entries, applies the filter, and slices records out of the mapped
 * commit log (zero copy). Also answers the queue's time look-ups.
 *
 * <p>Thread safety: stateless apart from its collaborators; any thread.
 */
final class QueueReader {
    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final int maxTransferBytes;
    private final int maxScanEntries;

    QueueReader(CommitLog log, ConsumeQueueTable queues, int maxTransferBytes, int maxScanEntries) {
        this.log = log;
        this.queues = queues;
        this.maxTransferBytes = maxTransferBytes;
        this.maxScanEntries = maxScanEntries;
    }

    ListGetResult get(String topic, int queueId, long offset, int maxCount, MessageFilter filter) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return ListGetResult.empty(GetStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        if (max == 0) {
            return ListGetResult.empty(GetStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return ListGetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return ListGetResult.empty(GetStatus.OFFSET_OVERFLOW_BADLY, max, min, max);
        }
        return collect(cq, offset, Math.max(1, maxCount), filter, min, max);
    }

    private ListGetResult collect(ConsumeQueue cq, long offset, int maxCount, MessageFilter filter, long min,
                                  long max) {
        int expected = Math.min(maxCount, 64);
        List<ByteBuffer> records = new ArrayList<>(expected);
        List<Long> offsets = new ArrayList<>(expected);
        List<MappedFile> held = new ArrayList<>(2);
        long logMin = log.minOffset();
        int fileSize = log.fileSize();
        boolean needsMessage = filter.needsMessage();
        long i = offset;
        int scanned = 0;
        int bytes = 0;
        int filtered = 0;
        int removed = 0;
        MappedFile cqFile = null;
        MappedFile logFile = null;
        try {
            while (i < max && records.size() < maxCount && scanned < maxScanEntries) {
                if (cqFile == null || i * ConsumeQueueDescriptor.ENTRY_LENGTH
                        >= cqFile.fileFromOffset() + cqFile.fileSize()) {
                    if (cqFile != null) {
                        cqFile.release();
                    }
                    cqFile = cq.holdFileFor(i);
                    if (cqFile == null) {
                        break;
                    }
                }
                int pos = cq.positionInFile(i);
                long phys = ConsumeQueue.commitLogOffset(cqFile, pos);
                int size = ConsumeQueue.size(cqFile, pos);
                long tagsCode = ConsumeQueue.tagsCode(cqFile, pos);
                if (size <= 0 || phys < logMin) {
                    removed++;
                } else if (!filter.matchesTagsCode(tagsCode)) {
                    filtered++;
                } else {
                    if (bytes + size > maxTransferBytes && !records.isEmpty()) {
                        break;
                    }
                    if (logFile == null || phys < logFile.fileFromOffset()
                            || phys >= logFile.fileFromOffset() + fileSize) {
                        logFile = log.files().findAndHold(phys);
                        if (logFile != null) {
                            held.add(logFile);
                        }
                    }
                    if (logFile == null) {
                        removed++;
                    } else {
                        ByteBuffer record = logFile.slice((int) (phys - logFile.fileFromOffset()), size);
                        if (needsMessage && !filter.matchesMessage(record)) {
                            filtered++;
                        } else {
                            records.add(record);
                            offsets.add(i);
                            bytes += size;
                        }
                    }
                }
                i++;
                scanned++;
            }
        } finally {
            if (cqFile != null) {
                cqFile.release();
            }
        }
        GetStatus status;
        if (!records.isEmpty()) {
            status = GetStatus.FOUND;
        } else if (filtered > 0) {
            status = GetStatus.NO_MATCHED_MESSAGE;
        } else if (removed > 0) {
            status = GetStatus.MESSAGE_WAS_REMOVING;
        } else {
            status = GetStatus.OFFSET_FOUND_NULL;
        }
        // The slices stay valid while their files are held: the result lets go of them on close.
        return ListGetResult.of(status, i, min, max, records, offsets, () -> release(held));
    }

    private static void release(List<MappedFile> held) {
        for (MappedFile f : held) {
            f.release();
        }
    }

    /** The store time of the record at a queue offset, or -1. */
    long storeTimestamp(String topic, int queueId, long offset) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return -1;
        }
        return storeTimestamp(cq.commitLogOffsetAt(offset));
    }

    private long storeTimestamp(long phys) {
        if (phys < 0) {
            return -1;
        }
        MappedFile f = log.files().findAndHold(phys);
        if (f == null) {
            return -1;
        }
        try {
            int pos = (int) (phys - f.fileFromOffset());
            int sysFlag = f.getInt(pos + StoredMessageDescriptor.SYS_FLAG_OFFSET);
            return f.getLong(pos + StoredMessageDescriptor.storeTimestampOffset(sysFlag));
        } finally {
            f.release();
        }
    }

    /** The first queue offset stored at or after {@code timestamp}; max if none, min if all are newer. */
    long offsetByTimestamp(String topic, int queueId, long timestamp) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return 0;
        }
        long lo = cq.minOffset();
        long hi = cq.maxOffset();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long ts = storeTimestamp(cq.commitLogOffsetAt(mid));
            if (ts >= timestamp) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
