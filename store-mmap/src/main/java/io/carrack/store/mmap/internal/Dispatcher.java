package io.carrack.store.mmap.internal;

import io.carrack.common.message.MessageSysFlag;
import io.carrack.spi.store.MessageArrivalListener;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds consume queues and the key index from the commit log, in log order, and tells the arrival
 * listener about each message that became readable. Run by {@link DispatchService} while the store is up
 * and directly by recovery.
 *
 * <p>Thread safety: {@link #dispatch} runs under an internal lock, also taken by topic deletion.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final DeletedTopics deleted;
    private final TagsCodeHandoff handoff;
    private final TagsCodes tagsCodes;
    private final MessageArrivalListener listener;
    private final RecordReader reader = new RecordReader();
    private final PropertyScan props = new PropertyScan();
    private final long[] code = new long[1];
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long dispatchedOffset;

    Dispatcher(CommitLog log, ConsumeQueueTable queues, IndexService index, DeletedTopics deleted,
               TagsCodeHandoff handoff, TagsCodes tagsCodes, MessageArrivalListener listener) {
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.deleted = deleted;
        this.handoff = handoff;
        this.tagsCodes = tagsCodes;
        this.listener = listener;
    }

    /** Records below this offset are in the consume queues and the index. */
    long dispatchedOffset() {
        return dispatchedOffset;
    }

    /** Where dispatch starts (recovery). */
    void startAt(long offset) {
        dispatchedOffset = offset;
    }

    ReentrantLock lock() {
        return lock;
    }

    /**
     * Dispatches records from {@link #dispatchedOffset()} up to {@code end}, at most {@code max} of them.
     *
     * @return the number of records dispatched
     */
    int dispatch(long end, int max) {
        lock.lock();
        try {
            return dispatchLocked(end, max);
        } finally {
            lock.unlock();
        }
    }

    private int dispatchLocked(long end, int max) {
        long off = dispatchedOffset;
        int fileSize = log.fileSize();
        int n = 0;
        MappedFile f = null;
        try {
            while (off < end && n < max) {
                if (f == null || off >= f.fileFromOffset() + fileSize) {
                    if (f != null) {
                        f.release();
                    }
                    f = log.files().findAndHold(off);
                    if (f == null) {
                        long min = log.minOffset();
                        if (off < min) {
                            LOG.warn("dispatch at {} fell behind retention; skipping to {}", off, min);
                            off = min;
                            continue;
                        }
                        break;
                    }
                }
                int pos = (int) (off - f.fileFromOffset());
                if (pos > fileSize - RecordReader.MIN_BLANK_LENGTH) {
                    off = f.fileFromOffset() + fileSize;
                    continue;
                }
                reader.wrap(f, pos);
                if (reader.isBlank()) {
                    off = f.fileFromOffset() + fileSize;
                    dispatchedOffset = off;
                    continue;
                }
                if (!reader.isMessage()) {
                    LOG.error("no record at commit-log offset {} below the readable offset {}; dispatch stops",
                            off, end);
                    break;
                }
                int size = reader.totalSize();
                dispatchRecord(off, size);
                off += size;
                n++;
                dispatchedOffset = off;
            }
        } finally {
            if (f != null) {
                f.release();
            }
        }
        return n;
    }

    private void dispatchRecord(long off, int size) {
        String topic = reader.topic();
        if (deleted.isDeleted(topic, off)) {
            return;
        }
        int type = MessageSysFlag.transactionType(reader.sysFlag());
        long storeTimestamp = reader.storeTimestamp();
        props.scan(reader.file(), reader.propertiesPosition(), reader.propertiesLength());
        if (type != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            index.index(topic, props, off, storeTimestamp);
        }
        if (!CommitLog.takesQueueSlot(reader.sysFlag())) {
            return;
        }
        long tagsCode;
        if (handoff.poll(off, code)) {
            tagsCode = code[0];
        } else {
            tagsCode = tagsCodes.compute(topic, props, storeTimestamp);
        }
        int queueId = reader.queueId();
        long queueOffset = reader.queueOffset();
        queues.findOrCreate(topic, queueId).put(queueOffset, off, size, tagsCode);
        try {
            listener.onArrival(topic, queueId, queueOffset + 1, tagsCode);
        } catch (RuntimeException e) {
            LOG.warn("arrival listener failed for {}/{} at {}", topic, queueId, queueOffset, e);
        }
    }
}
