package io.carrack.store.mmap.internal;

import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of equally sized {@link MappedFile}s that together form one byte sequence: each file is
 * named by the 20-digit offset of its first byte. Files are only added at the end and removed from the
 * front.
 *
 * <p>Thread safety: the list is copy-on-write; one writer adds files, any thread may look them up.
 */
final class MappedFileQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);

    private final Path dir;
    private final int fileSize;
    private final CopyOnWriteArrayList<MappedFile> files = new CopyOnWriteArrayList<>();

    MappedFileQueue(Path dir, int fileSize) {
        this.dir = dir;
        this.fileSize = fileSize;
    }

    Path dir() {
        return dir;
    }

    int fileSize() {
        return fileSize;
    }

    /** Maps the files already in the directory; all are taken as full until recovery says otherwise. */
    void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir, e);
        }
        long expected = -1;
        for (Path p : paths) {
            long from = Long.parseLong(p.getFileName().toString());
            if (expected >= 0 && from != expected) {
                throw new StoreException("gap in " + dir + ": expected a file at offset " + expected + ", found " + p);
            }
            try {
                if (Files.size(p) != fileSize) {
                    throw new StoreException(p + " is " + Files.size(p) + " bytes but the configured file size is "
                            + fileSize + "; was the file size changed?");
                }
            } catch (IOException e) {
                throw new StoreException("cannot read the size of " + p, e);
            }
            MappedFile f = MappedFile.open(p, from, fileSize);
            f.resetPositions(fileSize);
            files.add(f);
            expected = from + fileSize;
        }
    }

    /** Name of the file starting at {@code offset}. */
    static String fileName(long offset) {
        return String.format("%020d", offset);
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    List<MappedFile> files() {
        return files;
    }

    MappedFile first() {
        List<MappedFile> snapshot = files;
        return snapshot.isEmpty() ? null : snapshot.get(0);
    }

    MappedFile last() {
        int n = files.size();
        if (n == 0) {
            return null;
        }
        try {
            return files.get(n - 1);
        } catch (IndexOutOfBoundsException e) {
            return last();
        }
    }

    /** The first offset still stored, or 0 when empty. */
    long minOffset() {
        MappedFile f = first();
        return f == null ? 0 : f.fileFromOffset();
    }

    /** One past the last written byte. */
    long maxWrittenOffset() {
        MappedFile f = last();
        return f == null ? 0 : f.wroteOffset();
    }

    /** Creates the file that starts at {@code offset} and appends it. Writer only. */
    MappedFile create(long offset) {
        if (offset % fileSize != 0) {
            throw new IllegalArgumentException("file offset " + offset + " is not a multiple of " + fileSize);
        }
        MappedFile f = MappedFile.open(dir.resolve(fileName(offset)), offset, fileSize);
        f.resetPositions(0);
        files.add(f);
        return f;
    }

    /** Appends a file created elsewhere (a preallocated next file). Writer only. */
    void append(MappedFile f) {
        MappedFile last = last();
        long expected = last == null ? f.fileFromOffset() : last.fileFromOffset() + fileSize;
        if (f.fileFromOffset() != expected || f.fileSize() != fileSize) {
            throw new IllegalArgumentException("file " + f + " does not follow " + last);
        }
        f.resetPositions(0);
        files.add(f);
    }

    /** The file holding {@code offset}, or null. The caller must {@link MappedFile#hold()} it before reading. */
    MappedFile find(long offset) {
        Object[] snapshot = files.toArray();
        if (snapshot.length == 0) {
            return null;
        }
        MappedFile first = (MappedFile) snapshot[0];
        if (offset < first.fileFromOffset()) {
            return null;
        }
        long index = (offset - first.fileFromOffset()) / fileSize;
        if (index >= snapshot.length) {
            return null;
        }
        MappedFile f = (MappedFile) snapshot[(int) index];
        return f.fileFromOffset() <= offset && offset < f.fileFromOffset() + fileSize ? f : null;
    }

    /** The file holding {@code offset}, already held; null if none or being removed. */
    MappedFile findAndHold(long offset) {
        MappedFile f = find(offset);
        return f != null && f.hold() ? f : null;
    }

    /** Forces all files with unflushed bytes. */
    void flush() {
        for (MappedFile f : files) {
            if (f.flushedPosition() < f.wrotePosition()) {
                f.flush();
            }
        }
    }

    /**
     * Cuts the sequence at {@code offset}: the file holding it keeps bytes below it (the rest is zeroed),
     * later files are deleted. Writer or recovery only.
     */
    void truncate(long offset) {
        List<MappedFile> remove = new ArrayList<>();
        for (MappedFile f : files) {
            long end = f.fileFromOffset() + fileSize;
            if (end <= offset) {
                continue;
            }
            if (f.fileFromOffset() >= offset && !(f.fileFromOffset() == offset && f == first())) {
                remove.add(f);
                continue;
            }
            int pos = (int) (offset - f.fileFromOffset());
            zero(f, pos);
            f.resetPositions(pos);
        }
        for (MappedFile f : remove) {
            files.remove(f);
            f.destroy();
            LOG.info("removed {} while truncating {} at {}", f, dir, offset);
        }
    }

    /** Removes files from the front while the predicate holds, never the last one; returns how many. */
    int deleteFromFront(Predicate<MappedFile> expired, int max) {
        int n = 0;
        while (n < max && files.size() > 1) {
            MappedFile f = files.get(0);
            if (!expired.test(f)) {
                break;
            }
            files.remove(0);
            f.destroy();
            n++;
        }
        return n;
    }

    /** Releases every file; the mappings go when their last readers release. */
    void close() {
        for (MappedFile f : files) {
            f.close();
        }
        files.clear();
    }

    /** Releases and deletes every file and the directory. */
    void destroy() {
        for (MappedFile f : files) {
            f.destroy();
        }
        files.clear();
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("directory {} not removed yet", dir, e);
        }
    }

    /** Zeros bytes from {@code from} to the end of the file, skipping pages that are already zero. */
    private static void zero(MappedFile f, int from) {
        java.nio.ByteBuffer w = f.writeView();
        int size = f.fileSize();
        int pos = from;
        while (pos < size && (pos & 7) != 0) {
            w.put(pos++, (byte) 0);
        }
        while (pos < size) {
            int chunkEnd = Math.min(size, (pos & ~4095) + 4096);
            boolean dirty = false;
            for (int i = pos; i + 8 <= chunkEnd; i += 8) {
                if (w.getLong(i) != 0) {
                    dirty = true;
                    break;
                }
            }
            if (dirty) {
                for (int i = pos; i + 8 <= chunkEnd; i += 8) {
                    w.putLong(i, 0L);
                }
            }
            pos = chunkEnd;
        }
    }
}
