package io.carrack.store.mmap.internal;

/**
 * The {@code checkpoint} file: how far the commit log and the structures built from it (consume queues
 * and index) are known to be on disk. Recovery re-dispatches the log from DISPATCHED_OFFSET. Written in
 * place and forced; the CRC tells a torn write, after which recovery starts from the first log file.
 * <pre>
 *  0 MAGIC(4) 4 VERSION(4) 8 COMMIT_LOG_FLUSHED_OFFSET(8) 16 DISPATCHED_OFFSET(8) 24 TIMESTAMP(8)
 * 32 CRC32 of bytes 0..31 (4) 36 reserved to 64
 * </pre>
 */
final class CheckpointDescriptor {
    static final int MAGIC = 0xC4EC9017;
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int COMMIT_LOG_FLUSHED_OFFSET = 8;
    static final int DISPATCHED_OFFSET = 16;
    static final int TIMESTAMP_OFFSET = 24;
    static final int CRC_OFFSET = 32;
    static final int LENGTH = 64;

    private CheckpointDescriptor() {
    }
}
