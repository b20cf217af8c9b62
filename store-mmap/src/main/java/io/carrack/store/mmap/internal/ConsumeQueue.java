package io.carrack.store.mmap.internal;

import static io.carrack.store.mmap.internal.ConsumeQueueDescriptor.COMMIT_LOG_OFFSET_OFFSET;
import static io.carrack.store.mmap.internal.ConsumeQueueDescriptor.ENTRY_LENGTH;
import static io.carrack.store.mmap.internal.ConsumeQueueDescriptor.SIZE_OFFSET;
import static io.carrack.store.mmap.internal.ConsumeQueueDescriptor.TAGS_CODE_OFFSET;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume queue of one (topic, queue): an array of {@link ConsumeQueueDescriptor} entries pointing
 * into the commit log.
 *
 * <p>Thread safety: only the dispatch thread (or recovery) appends and truncates; any thread may read
 * entries below {@link #maxOffset()} of a file it holds.
 */
final class ConsumeQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    private final int fileSize;
    private final int entriesPerFile;
    private volatile long maxOffset;
    private volatile long minOffset;

    ConsumeQueue(Path dir, String topic, int queueId, int configuredFileSize) {
        this.topic = topic;
        this.queueId = queueId;
        this.fileSize = ConsumeQueueDescriptor.fileSize(configuredFileSize);
        this.entriesPerFile = fileSize / ENTRY_LENGTH;
        this.files = new MappedFileQueue(dir, fileSize);
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    long maxOffset() {
        return maxOffset;
    }

    long minOffset() {
        return minOffset;
    }

    MappedFileQueue files() {
        return files;
    }

    /** Maps the existing files and finds the last written entry. */
    void load() {
        files.load();
        MappedFile last = files.last();
        if (last == null) {
            return;
        }
        int lo = 0;
        int hi = entriesPerFile;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (last.getInt(mid * ENTRY_LENGTH + SIZE_OFFSET) != 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        last.resetPositions(lo * ENTRY_LENGTH);
        maxOffset = last.fileFromOffset() / ENTRY_LENGTH + lo;
        minOffset = files.minOffset() / ENTRY_LENGTH;
    }

    /** Writes the entry for {@code queueOffset}. Dispatch thread only. */
    void put(long queueOffset, long commitLogOffset, int size, long tagsCode) {
        long max = maxOffset;
        if (queueOffset < max) {
            LOG.debug("{}/{}: entry {} already present (max {})", topic, queueId, queueOffset, max);
            return;
        }
        if (queueOffset > max && max > 0) {
            LOG.warn("{}/{}: gap in consume queue, expected offset {} but got {}", topic, queueId, max, queueOffset);
        }
        long bytePos = queueOffset * ENTRY_LENGTH;
        MappedFile f = fileFor(bytePos, max == 0 && files.isEmpty());
        int pos = (int) (bytePos - f.fileFromOffset());
        ByteBuffer w = f.writeView();
        w.putLong(pos + COMMIT_LOG_OFFSET_OFFSET, commitLogOffset);
        w.putInt(pos + SIZE_OFFSET, size);
        w.putLong(pos + TAGS_CODE_OFFSET, tagsCode);
        f.wrotePosition(pos + ENTRY_LENGTH);
        if (max == 0 && minOffset == 0 && queueOffset > 0 && files.files().size() == 1) {
            minOffset = queueOffset;
        }
        maxOffset = queueOffset + 1;
    }

    private MappedFile fileFor(long bytePos, boolean firstEntry) {
        MappedFile last = files.last();
        if (last == null) {
            return files.create(bytePos - bytePos % fileSize);
        }
        while (bytePos >= last.fileFromOffset() + fileSize) {
            last.wrotePosition(fileSize);
            last = files.create(last.fileFromOffset() + fileSize);
        }
        return last;
    }

    /** The commit-log offset of an entry in a held file. */
    static long commitLogOffset(MappedFile f, int pos) {
        return f.getLong(pos + COMMIT_LOG_OFFSET_OFFSET);
    }

    static int size(MappedFile f, int pos) {
        return f.getInt(pos + SIZE_OFFSET);
    }

    static long tagsCode(MappedFile f, int pos) {
        return f.getLong(pos + TAGS_CODE_OFFSET);
    }

    /** The held file containing the entry for {@code queueOffset}, or null. */
    MappedFile holdFileFor(long queueOffset) {
        return files.findAndHold(queueOffset * ENTRY_LENGTH);
    }

    /** Position of an entry inside its file. */
    int positionInFile(long queueOffset) {
        return (int) ((queueOffset * ENTRY_LENGTH) % fileSize);
    }

    /** The commit-log offset of entry {@code queueOffset}, or -1 if it cannot be read. */
    long commitLogOffsetAt(long queueOffset) {
        if (queueOffset < minOffset || queueOffset >= maxOffset) {
            return -1;
        }
        MappedFile f = holdFileFor(queueOffset);
        if (f == null) {
            return -1;
        }
        try {
            int pos = positionInFile(queueOffset);
            return size(f, pos) == 0 ? -1 : commitLogOffset(f, pos);
        } finally {
            f.release();
        }
    }

    /** Removes entries pointing at or beyond {@code commitLogOffset}. Recovery only. */
    void truncateFrom(long commitLogOffset) {
        long max = maxOffset;
        long keep = max;
        while (keep > minOffset) {
            long phys = commitLogOffsetAt(keep - 1);
            if (phys >= 0 && phys < commitLogOffset) {
                break;
            }
            keep--;
        }
        if (keep != max) {
            files.truncate(keep * ENTRY_LENGTH);
            maxOffset = keep;
            if (keep < minOffset) {
                minOffset = keep;
            }
            LOG.info("{}/{}: truncated consume queue from {} to {} entries", topic, queueId, max, keep);
        }
    }

    /**
     * Drops files whose entries all point below {@code commitLogMin} and moves the min offset to the first
     * entry at or after it.
     */
    void correctMinOffset(long commitLogMin) {
        files.deleteFromFront(f -> {
            long lastEntry = (f.fileFromOffset() + fileSize) / ENTRY_LENGTH - 1;
            return lastEntry < maxOffset && commitLogOffsetAt(lastEntry) < commitLogMin;
        }, Integer.MAX_VALUE);
        long lo = Math.max(minOffset, files.minOffset() / ENTRY_LENGTH);
        long hi = maxOffset;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long phys = commitLogOffsetAt(mid);
            if (phys >= 0 && phys >= commitLogMin) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo != minOffset) {
            minOffset = lo;
        }
    }

    void flush() {
        files.flush();
    }

    void close() {
        files.close();
    }

    void destroy() {
        files.destroy();
    }
}
