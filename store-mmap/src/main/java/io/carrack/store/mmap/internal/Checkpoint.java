package io.carrack.store.mmap.internal;

import static io.carrack.store.mmap.internal.CheckpointDescriptor.*;

import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Reads and writes the {@link CheckpointDescriptor checkpoint} file.
 *
 * <p>Thread safety: {@link #write} is called from one thread at a time (checkpoint service, then close).
 */
final class Checkpoint implements AutoCloseable {
    /**
     * A checkpoint's content.
     *
     * @param commitLogFlushedOffset the commit log is on disk below this offset
     * @param dispatchedOffset       consume queues and index are on disk for records below this offset
     * @param timestamp              when it was written (store clock)
     */
    record State(long commitLogFlushedOffset, long dispatchedOffset, long timestamp) {
    }

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(LENGTH);

    Checkpoint(Path path) {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + path, e);
        }
    }

    /** The stored state, or empty if the file is new, torn or of another format. */
    static Optional<State> read(Path path) {
        try {
            if (!Files.exists(path) || Files.size(path) < LENGTH) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path));
            if (b.getInt(MAGIC_OFFSET) != MAGIC || b.getInt(VERSION_OFFSET) != VERSION
                    || b.getInt(CRC_OFFSET) != crc(b)) {
                return Optional.empty();
            }
            return Optional.of(new State(b.getLong(COMMIT_LOG_FLUSHED_OFFSET), b.getLong(DISPATCHED_OFFSET),
                    b.getLong(TIMESTAMP_OFFSET)));
        } catch (IOException e) {
            throw new StoreException("cannot read " + path, e);
        }
    }

    /** Writes and forces a state. */
    void write(State state) {
        synchronized (buffer) {
            buffer.clear();
            buffer.putInt(MAGIC_OFFSET, MAGIC);
            buffer.putInt(VERSION_OFFSET, VERSION);
            buffer.putLong(COMMIT_LOG_FLUSHED_OFFSET, state.commitLogFlushedOffset());
            buffer.putLong(DISPATCHED_OFFSET, state.dispatchedOffset());
            buffer.putLong(TIMESTAMP_OFFSET, state.timestamp());
            buffer.putInt(CRC_OFFSET, crc(buffer));
            try {
                int written = 0;
                while (written < LENGTH) {
                    written += channel.write(buffer.duplicate().position(written), written);
                }
                channel.force(false);
            } catch (IOException e) {
                throw new StoreException("cannot write " + path, e);
            }
        }
    }

    private static int crc(ByteBuffer b) {
        CRC32 crc = new CRC32();
        crc.update(b.duplicate().position(0).limit(CRC_OFFSET));
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close " + path, e);
        }
    }
}
