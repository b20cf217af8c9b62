package io.carrack.store.mmap.internal;

import static io.carrack.common.message.StoredMessageDescriptor.BLANK_MAGIC;
import static io.carrack.common.message.StoredMessageDescriptor.MAGIC_OFFSET;
import static io.carrack.common.message.StoredMessageDescriptor.MESSAGE_MAGIC;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import io.carrack.spi.store.StoreException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log of records in the stored layout over a {@link MappedFileQueue}. Each file ends
 * with a blank filler (TOTALSIZE + {@code BLANK_MAGIC}) when the next record does not fit, so a record
 * never spans two files. Records are encoded straight into the mapped file.
 *
 * <p>Thread safety: appends are serialized by an internal lock; reads from any thread see records below
 * {@link #readableOffset()}.
 */
final class CommitLog {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MappedFileQueue files;
    private final int fileSize;
    private final int maxBodySize;
    private final InstantSource clock;
    private final TagsCodeHandoff handoff;
    private final ReentrantLock putLock = new ReentrantLock();
    private final QueueOffsetTable queueOffsets = new QueueOffsetTable();
    private final LongAdder putMessages = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private final SpaceGuard spaceGuard;
    private volatile long readableOffset;
    /** Guards creation of the next file, by the writer or ahead of time by {@link #prepareNextFile()}. */
    private final ReentrantLock allocationLock = new ReentrantLock();
    private MappedFile preparedFile;

    /** Says whether the disk can take another file of the given size. */
    interface SpaceGuard {
        boolean canAllocate(long bytes);
    }

    CommitLog(Path dir, int fileSize, int maxBodySize, InstantSource clock, TagsCodeHandoff handoff,
              SpaceGuard spaceGuard) {
        this.files = new MappedFileQueue(dir, fileSize);
        this.fileSize = fileSize;
        this.maxBodySize = maxBodySize;
        this.clock = clock;
        this.handoff = handoff;
        this.spaceGuard = spaceGuard;
    }

    MappedFileQueue files() {
        return files;
    }

    int fileSize() {
        return fileSize;
    }

    /** Every record below this offset is complete. */
    long readableOffset() {
        return readableOffset;
    }

    long minOffset() {
        return files.minOffset();
    }

    long putMessages() {
        return putMessages.sum();
    }

    long putBytes() {
        return putBytes.sum();
    }

    /** The put lock, also taken by {@code deleteTopics} to reset queue offsets consistently. */
    ReentrantLock putLock() {
        return putLock;
    }

    /** Sets the next queue offset of a queue; recovery and topic deletion only (under the put lock). */
    void queueOffset(String topic, int queueId, long next) {
        queueOffsets.set(topic, queueId, next);
    }

    void removeQueueOffsets(String topic) {
        queueOffsets.removeTopic(topic);
    }

    /** Sets the end of the log after recovery. */
    void recovered(long end) {
        files.truncate(end);
        readableOffset = end;
    }

    /** Appends one message. */
    PutResult append(BrokerMessage m) {
        if (m.body().length > maxBodySize) {
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        }
        putLock.lock();
        try {
            long now = clock.millis();
            boolean takesSlot = takesQueueSlot(m.sysFlag());
            long queueOffset = takesSlot ? queueOffsets.next(m.topic(), m.queueId()) : 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                MappedFile f = writableFile();
                if (f == null) {
                    return PutResult.failed(PutStatus.STORE_FULL);
                }
                int pos = f.wrotePosition();
                ByteBuffer w = f.writeView();
                w.limit(fileSize - RecordReader.MIN_BLANK_LENGTH).position(pos);
                long phys = f.fileFromOffset() + pos;
                int len;
                try {
                    len = StoredMessageCodec.encode(m, queueOffset, phys, now, w);
                } catch (BufferOverflowException e) {
                    if (pos == 0) {
                        return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
                    }
                    sealWithBlank(f, pos);
                    continue;
                } catch (StoredMessageCodec.IllegalMessageException e) {
                    zero(w, pos, w.position());
                    return PutResult.failed(illegalStatus(e));
                }
                handoff.offer(phys, m.tagsCode());
                f.wrotePosition(pos + len);
                readableOffset = phys + len;
                if (takesSlot) {
                    queueOffsets.set(m.topic(), m.queueId(), queueOffset + 1);
                }
                putMessages.increment();
                putBytes.add(len);
                return new PutResult(PutStatus.OK, phys, len, queueOffset, 1, now);
            }
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        } finally {
            putLock.unlock();
        }
    }

    /**
     * Appends messages of one queue contiguously in one file. Until the last record is written the first
     * one's magic stays 0, so a crash in the middle leaves no readable part of the batch.
     */
    PutResult appendBatch(List<BrokerMessage> batch) {
        if (batch.isEmpty()) {
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        }
        String topic = batch.get(0).topic();
        int queueId = batch.get(0).queueId();
        for (BrokerMessage m : batch) {
            if (m.body().length > maxBodySize || !topic.equals(m.topic()) || m.queueId() != queueId) {
                return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
            }
        }
        putLock.lock();
        try {
            long now = clock.millis();
            long firstQueueOffset = queueOffsets.next(topic, queueId);
            for (int attempt = 0; attempt < 2; attempt++) {
                MappedFile f = writableFile();
                if (f == null) {
                    return PutResult.failed(PutStatus.STORE_FULL);
                }
                int start = f.wrotePosition();
                ByteBuffer w = f.writeView();
                w.limit(fileSize - RecordReader.MIN_BLANK_LENGTH).position(start);
                long queueOffset = firstQueueOffset;
                try {
                    for (BrokerMessage m : batch) {
                        boolean takesSlot = takesQueueSlot(m.sysFlag());
                        long phys = f.fileFromOffset() + w.position();
                        StoredMessageCodec.encode(m, takesSlot ? queueOffset : 0, phys, now, w);
                        if (phys == f.fileFromOffset() + start) {
                            w.putInt(start + MAGIC_OFFSET, 0);
                        }
                        if (takesSlot) {
                            queueOffset++;
                        }
                    }
                } catch (BufferOverflowException e) {
                    if (start == 0) {
                        return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
                    }
                    sealWithBlank(f, start);
                    continue;
                } catch (StoredMessageCodec.IllegalMessageException e) {
                    zero(w, start, w.position());
                    return PutResult.failed(illegalStatus(e));
                }
                int end = w.position();
                offerTagsCodes(f, start, batch);
                w.putInt(start + MAGIC_OFFSET, MESSAGE_MAGIC);
                f.wrotePosition(end);
                long phys = f.fileFromOffset() + start;
                readableOffset = f.fileFromOffset() + end;
                queueOffsets.set(topic, queueId, queueOffset);
                putMessages.add(batch.size());
                putBytes.add(end - start);
                return new PutResult(PutStatus.OK, phys, end - start, firstQueueOffset, batch.size(), now);
            }
            return PutResult.failed(PutStatus.MESSAGE_ILLEGAL);
        } finally {
            putLock.unlock();
        }
    }

    private void offerTagsCodes(MappedFile f, int start, List<BrokerMessage> batch) {
        int pos = start;
        ByteBuffer w = f.writeView();
        for (BrokerMessage m : batch) {
            handoff.offer(f.fileFromOffset() + pos, m.tagsCode());
            pos += w.getInt(pos);
        }
    }

    /** Whether a record with this sysFlag gets a consume-queue slot (not prepared, not rolled back). */
    static boolean takesQueueSlot(int sysFlag) {
        int type = MessageSysFlag.transactionType(sysFlag);
        return type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
    }

    private static PutStatus illegalStatus(StoredMessageCodec.IllegalMessageException e) {
        String msg = String.valueOf(e.getMessage());
        return msg.startsWith("properties") ? PutStatus.PROPERTIES_SIZE_EXCEEDED : PutStatus.MESSAGE_ILLEGAL;
    }

    /** The last file if it has room, else a new one; null if the disk cannot take another file. */
    private MappedFile writableFile() {
        MappedFile last = files.last();
        if (last != null && !last.isFull()) {
            return last;
        }
        long next = last == null ? 0 : last.fileFromOffset() + fileSize;
        allocationLock.lock();
        try {
            if (preparedFile != null && preparedFile.fileFromOffset() == next) {
                MappedFile f = preparedFile;
                preparedFile = null;
                files.append(f);
                return f;
            }
            if (!spaceGuard.canAllocate(fileSize)) {
                LOG.warn("not creating a commit-log file of {} bytes: the disk is (nearly) full", fileSize);
                return null;
            }
            return files.create(next);
        } catch (StoreException e) {
            LOG.error("cannot create the next commit-log file at offset {}", next, e);
            return null;
        } finally {
            allocationLock.unlock();
        }
    }

    /**
     * Creates the file after the current one (or the first one), with its blocks allocated, once the current
     * one is a quarter written; called by a background thread so that the writer neither creates files nor takes
     * first-write faults on a sparse file.
     *
     * @return true if a file was prepared
     */
    boolean prepareNextFile() {
        MappedFile last = files.last();
        if (last != null && last.wrotePosition() < fileSize / 4) {
            return false;
        }
        long next = last == null ? 0 : last.fileFromOffset() + fileSize;
        allocationLock.lock();
        try {
            if (preparedFile != null || files.last() != last || !spaceGuard.canAllocate(fileSize)) {
                return false;
            }
            preparedFile = MappedFile.createPreallocated(files.dir().resolve(MappedFileQueue.fileName(next)), next,
                    fileSize);
            return true;
        } catch (StoreException e) {
            LOG.warn("cannot prepare the next commit-log file at {}; the writer will create it", next, e);
            return false;
        } finally {
            allocationLock.unlock();
        }
    }

    private static void zero(ByteBuffer w, int from, int to) {
        for (int i = from; i < to; i++) {
            w.put(i, (byte) 0);
        }
    }

    private void sealWithBlank(MappedFile f, int pos) {
        ByteBuffer w = f.writeView();
        w.putInt(pos, fileSize - pos);
        w.putInt(pos + MAGIC_OFFSET, BLANK_MAGIC);
        f.wrotePosition(fileSize);
        readableOffset = f.fileFromOffset() + fileSize;
    }

    /** A copy of the record at {@code physicalOffset}, if one starts there. */
    Optional<ByteBuffer> read(long physicalOffset) {
        if (physicalOffset < 0 || physicalOffset >= readableOffset) {
            return Optional.empty();
        }
        MappedFile f = files.findAndHold(physicalOffset);
        if (f == null) {
            return Optional.empty();
        }
        try {
            int pos = (int) (physicalOffset - f.fileFromOffset());
            if (pos > fileSize - RecordReader.MIN_RECORD_LENGTH || f.getInt(pos + MAGIC_OFFSET) != MESSAGE_MAGIC
                    || f.getLong(pos + StoredMessageDescriptor.PHYSICAL_OFFSET_OFFSET) != physicalOffset) {
                return Optional.empty();
            }
            int size = f.getInt(pos);
            if (size < RecordReader.MIN_RECORD_LENGTH || size > fileSize - pos) {
                return Optional.empty();
            }
            byte[] copy = new byte[size];
            f.get(pos, copy, 0, size);
            return Optional.of(ByteBuffer.wrap(copy));
        } finally {
            f.release();
        }
    }

    /** Flushes all written bytes; returns the offset up to which the log is on disk. */
    long flush() {
        long target = readableOffset;
        files.flush();
        return target;
    }

    /** Releases the files; a prepared but unused next file is deleted. */
    void close() {
        allocationLock.lock();
        try {
            if (preparedFile != null) {
                preparedFile.destroy();
                preparedFile = null;
            }
        } finally {
            allocationLock.unlock();
        }
        files.close();
    }
}
