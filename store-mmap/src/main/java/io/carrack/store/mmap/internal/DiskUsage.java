package io.carrack.store.mmap.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How full the store's disk is. An interface so that tests can simulate a full disk.
 *
 * <p>Thread safety: implementations are safe for concurrent use.
 */
interface DiskUsage {
    /** Fraction of the disk in use, 0..1. */
    double usedRatio();

    /** Bytes still available to this process. */
    long usableBytes();

    /** The real file store holding {@code dir}. */
    static DiskUsage of(Path dir) {
        FileStore store;
        try {
            store = Files.getFileStore(dir);
        } catch (IOException e) {
            throw new io.carrack.spi.store.StoreException("cannot find the file store of " + dir, e);
        }
        return new DiskUsage() {
            @Override
            public double usedRatio() {
                try {
                    long total = store.getTotalSpace();
                    return total <= 0 ? 0 : (double) (total - store.getUsableSpace()) / total;
                } catch (IOException e) {
                    return 0;
                }
            }

            @Override
            public long usableBytes() {
                try {
                    return store.getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE;
                }
            }
        };
    }
}
