package io.carrack.store.mmap.internal;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the files to a consistent state when a store opens. From the checkpoint's dispatched offset
 * (or the first log file when there is no valid checkpoint) it verifies records (magic, size, field
 * lengths, body CRC, PHYSICALOFFSET), cuts the log after the last intact one, drops consume-queue
 * entries from that point and dispatches the verified records again. After a clean shutdown the
 * checkpoint points at the end of the log and nothing is scanned.
 *
 * <p>Thread safety: runs once, before any service starts.
 */
final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final Dispatcher dispatcher;

    StoreRecovery(CommitLog log, ConsumeQueueTable queues, IndexService index, Dispatcher dispatcher) {
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
    }

    /**
     * Recovers and returns the end of the log.
     *
     * @param checkpoint the checkpoint read at open, if valid
     * @param crashed    whether the abort file was present
     */
    long recover(Optional<Checkpoint.State> checkpoint, boolean crashed) {
        MappedFileQueue files = log.files();
        long logMin = files.minOffset();
        long logMax = files.isEmpty() ? 0 : files.last().fileFromOffset() + files.fileSize();
        long from;
        if (checkpoint.isEmpty()) {
            LOG.info("no valid checkpoint: rebuilding consume queues and index from the whole log");
            queues.clear();
            index.clear();
            from = logMin;
        } else {
            from = Math.max(logMin, Math.min(checkpoint.get().dispatchedOffset(), logMax));
        }
        long end = scan(from);
        if (crashed || end != from) {
            LOG.info("recovering after {}: log verified from {} to {}", crashed ? "a crash" : "a clean shutdown",
                    from, end);
        }
        log.recovered(end);
        long redispatchFrom = Math.min(from, end);
        for (ConsumeQueue cq : queues.all()) {
            cq.truncateFrom(redispatchFrom);
        }
        dispatcher.startAt(redispatchFrom);
        int n = dispatcher.dispatch(end, Integer.MAX_VALUE);
        if (n > 0) {
            LOG.info("re-dispatched {} records from {} to {}", n, redispatchFrom, end);
        }
        long min = log.minOffset();
        for (ConsumeQueue cq : queues.all()) {
            cq.correctMinOffset(min);
        }
        log.putLock().lock();
        try {
            for (ConsumeQueue cq : queues.all()) {
                log.queueOffset(cq.topic(), cq.queueId(), cq.maxOffset());
            }
        } finally {
            log.putLock().unlock();
        }
        return end;
    }

    /** The offset after the last intact record at or after {@code from}. */
    private long scan(long from) {
        MappedFileQueue files = log.files();
        int fileSize = files.fileSize();
        RecordReader reader = new RecordReader();
        long off = from;
        while (true) {
            MappedFile f = files.findAndHold(off);
            if (f == null) {
                return off;
            }
            try {
                int pos = (int) (off - f.fileFromOffset());
                boolean nextFile = false;
                while (pos <= fileSize - RecordReader.MIN_BLANK_LENGTH) {
                    reader.wrap(f, pos);
                    if (reader.verifyBlank()) {
                        nextFile = true;
                        break;
                    }
                    if (!reader.verify(f.fileFromOffset() + pos)) {
                        if (reader.magic() != 0 || reader.totalSize() != 0) {
                            LOG.warn("torn or invalid record at commit-log offset {}; the log ends there",
                                    f.fileFromOffset() + pos);
                        }
                        return f.fileFromOffset() + pos;
                    }
                    pos += reader.totalSize();
                }
                if (!nextFile) {
                    return f.fileFromOffset() + pos;
                }
                off = f.fileFromOffset() + fileSize;
            } finally {
                f.release();
            }
        }
    }
}
