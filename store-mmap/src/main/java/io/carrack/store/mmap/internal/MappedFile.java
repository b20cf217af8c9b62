package io.carrack.store.mmap.internal;

import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed-size file mapped into memory, named by the offset of its first byte in its queue.
 *
 * <p>Reference counted: the owning queue holds one reference from creation until {@link #destroy()};
 * readers {@link #hold()} it while they read and {@link #release()} it after. The mapping is unmapped
 * (and the channel closed) only when the count reaches 0, so a reader never touches unmapped memory.
 * After {@link #destroy()} no new reader can hold it.
 *
 * <p>Thread safety: one writer thread writes and advances {@link #wrotePosition()}; any thread may
 * read bytes below the write position of a file it holds. Flushing may run on another thread.
 */
final class MappedFile {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFile.class);

    private final Path path;
    private final long fileFromOffset;
    private final int fileSize;
    private final MappedByteBuffer mapped;
    private final ByteBuffer readView;
    /** The writer's own view; position and limit are the writer's to move. */
    private final ByteBuffer writeView;
    private final AtomicLong refs = new AtomicLong(1);
    private volatile boolean available = true;
    private volatile int wrotePosition;
    private volatile int flushedPosition;

    private MappedFile(Path path, long fileFromOffset, int fileSize, MappedByteBuffer mapped) {
        this.path = path;
        this.fileFromOffset = fileFromOffset;
        this.fileSize = fileSize;
        this.mapped = mapped;
        this.readView = mapped.asReadOnlyBuffer();
        this.writeView = mapped.duplicate();
    }

    /** Opens or creates the file with the given size and maps it whole. */
    static MappedFile open(Path path, long fileFromOffset, int fileSize) {
        try {
            Files.createDirectories(path.getParent());
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                if (raf.length() != fileSize) {
                    if (raf.length() > fileSize) {
                        throw new StoreException(path + " is " + raf.length() + " bytes, more than the configured "
                                + fileSize);
                    }
                    raf.setLength(fileSize);
                }
                FileChannel channel = raf.getChannel();
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
                // The mapping stays valid after the channel is closed.
                return new MappedFile(path, fileFromOffset, fileSize, mapped);
            }
        } catch (IOException e) {
            throw new StoreException("cannot map " + path + " (" + fileSize + " bytes)", e);
        }
    }

    /**
     * Creates a new file with its blocks allocated (zeros written through the file channel) and maps it, so
     * that later writes through the mapping do not take the expensive first-write faults of a sparse file.
     */
    static MappedFile createPreallocated(Path path, long fileFromOffset, int fileSize) {
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel ch = FileChannel.open(path, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(1024 * 1024);
                long pos = ch.size();
                while (pos < fileSize) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), fileSize - pos));
                    pos += ch.write(zeros, pos);
                }
                MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
                return new MappedFile(path, fileFromOffset, fileSize, mapped);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create " + path + " (" + fileSize + " bytes)", e);
        }
    }

    Path path() {
        return path;
    }

    long fileFromOffset() {
        return fileFromOffset;
    }

    int fileSize() {
        return fileSize;
    }

    /** Offset (in the queue) one past the last written byte. */
    long wroteOffset() {
        return fileFromOffset + wrotePosition;
    }

    int wrotePosition() {
        return wrotePosition;
    }

    /** Publishes bytes written below {@code position} to readers. Writer only. */
    void wrotePosition(int position) {
        this.wrotePosition = position;
    }

    int flushedPosition() {
        return flushedPosition;
    }

    /** Sets both positions, for recovery and truncation. */
    void resetPositions(int position) {
        this.wrotePosition = position;
        this.flushedPosition = position;
    }

    boolean isFull() {
        return wrotePosition >= fileSize;
    }

    /** The writer's view of the whole file. Writer only. */
    ByteBuffer writeView() {
        return writeView;
    }

    /** A read-only view of {@code length} bytes at {@code position}; the caller holds the file. */
    ByteBuffer slice(int position, int length) {
        return readView.slice(position, length);
    }

    /** Reads an int at a position; the caller holds the file. */
    int getInt(int position) {
        return readView.getInt(position);
    }

    /** Reads a long at a position; the caller holds the file. */
    long getLong(int position) {
        return readView.getLong(position);
    }

    /** Reads a short at a position; the caller holds the file. */
    short getShort(int position) {
        return readView.getShort(position);
    }

    /** Reads a byte at a position; the caller holds the file. */
    byte get(int position) {
        return readView.get(position);
    }

    /** Copies bytes out; the caller holds the file. */
    void get(int position, byte[] target, int offset, int length) {
        readView.get(position, target, offset, length);
    }

    /**
     * Forces written bytes to disk up to the current write position.
     *
     * @return the flushed position
     */
    int flush() {
        int target = wrotePosition;
        int from = flushedPosition;
        if (target > from && hold()) {
            try {
                mapped.force(from, target - from);
                flushedPosition = target;
            } catch (UncheckedIOException e) {
                throw new StoreException("cannot flush " + path, e);
            } finally {
                release();
            }
        }
        return flushedPosition;
    }

    /** Forces the whole file to disk (for files written at random positions). */
    void forceAll() {
        if (hold()) {
            try {
                mapped.force();
            } catch (UncheckedIOException e) {
                throw new StoreException("cannot flush " + path, e);
            } finally {
                release();
            }
        }
    }

    /** Takes a reference; false if the file is being destroyed. */
    boolean hold() {
        if (!available) {
            return false;
        }
        for (;;) {
            long c = refs.get();
            if (c <= 0) {
                return false;
            }
            if (refs.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one unmaps the file. */
    void release() {
        long left = refs.decrementAndGet();
        if (left == 0) {
            cleanup();
        } else if (left < 0) {
            LOG.error("{} released more often than held", path);
        }
    }

    /** Drops the owner's reference; the mapping goes when the last reader releases. */
    void close() {
        if (available) {
            available = false;
            release();
        }
    }

    /**
     * Like {@link #close()}, and deletes the file now: readers still holding it keep reading the unlinked
     * file's mapping, and a new file may take the same name at once.
     */
    void destroy() {
        if (!available) {
            return;
        }
        try {
            Files.deleteIfExists(path);
            LOG.debug("deleted {}", path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", path, e);
        }
        close();
    }

    boolean isAvailable() {
        return available;
    }

    /** Whether the mapping is gone (for tests). */
    boolean isReleased() {
        return refs.get() == 0;
    }

    private void cleanup() {
        Unmapper.unmap(mapped);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
