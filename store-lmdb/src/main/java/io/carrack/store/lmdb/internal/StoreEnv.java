package io.carrack.store.lmdb.internal;

import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMDB environment under {@code storePathRootDir/lmdb} (files {@code data.mdb}, {@code lock.mdb}) with
 * the store's five databases ({@link LmdbLayout}), and a file lock ({@code carrack.lock}) that keeps a second
 * store, in this process or another, from opening it. Environment flags: {@code MDB_NOTLS} (read transactions
 * may run on any thread); with ASYNC_FLUSH also {@code MDB_NOSYNC} or {@code MDB_NOMETASYNC}; optionally
 * {@code MDB_WRITEMAP}.
 *
 * <p>Thread safety: LMDB's rules: read transactions on any thread, write transactions on one thread at a time.
 */
final class StoreEnv implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreEnv.class);

    private final Path dir;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> log;
    private final Dbi<ByteBuffer> cq;
    private final Dbi<ByteBuffer> queues;
    private final Dbi<ByteBuffer> keys;
    private final Dbi<ByteBuffer> meta;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long pageSize;
    private final long mapSize;

    private StoreEnv(Path dir, Env<ByteBuffer> env, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.env = env;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.log = env.openDbi(LmdbLayout.LOG_DB, DbiFlags.MDB_CREATE);
        this.cq = env.openDbi(LmdbLayout.CQ_DB, DbiFlags.MDB_CREATE);
        this.queues = env.openDbi(LmdbLayout.QUEUES_DB, DbiFlags.MDB_CREATE);
        this.keys = env.openDbi(LmdbLayout.KEYS_DB, DbiFlags.MDB_CREATE);
        this.meta = env.openDbi(LmdbLayout.META_DB, DbiFlags.MDB_CREATE);
        this.pageSize = env.stat().pageSize;
        this.mapSize = env.info().mapSize;
    }

    /** Opens (creating) the environment in {@code dir}. */
    static StoreEnv open(Path dir, LmdbStoreConfig config) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the LMDB directory " + dir, e);
        }
        FileChannel channel = openLockFile(dir.resolve("carrack.lock"));
        FileLock lock = tryLock(channel, dir);
        Env<ByteBuffer> env = null;
        try {
            env = Env.create()
                    .setMapSize(config.mapSize())
                    .setMaxDbs(8)
                    .setMaxReaders(config.maxReaders())
                    .open(dir.toFile(), flags(config));
            int stale = env.readerCheck();
            if (stale > 0) {
                LOG.info("cleared {} stale LMDB reader slots in {}", stale, dir);
            }
            StoreEnv opened = new StoreEnv(dir, env, channel, lock);
            opened.probe();
            return opened;
        } catch (LmdbException | UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError
                 | IllegalAccessError e) {
            if (env != null) {
                env.close();
            }
            release(channel, lock);
            throw new StoreException("cannot open the LMDB environment at " + dir + " (map size "
                    + config.mapSize() + "): " + e + hint(e), e);
        } catch (RuntimeException e) {
            if (env != null) {
                env.close();
            }
            release(channel, lock);
            throw e;
        }
    }

    /** Reads once, so that missing JVM flags fail here with a hint rather than at the first put. */
    private void probe() {
        ByteBuffer key = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            MetaRecords.getLong(this, txn, LmdbLayout.NEXT_PHYSICAL_OFFSET, 0, key);
        }
    }

    private static String hint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalAccessError || t instanceof IllegalAccessException
                    || t.getClass().getName().endsWith("InaccessibleObjectException")) {
                return "; start the JVM with --add-opens java.base/java.nio=org.lmdbjava"
                        + " --add-exports java.base/sun.nio.ch=org.lmdbjava (ALL-UNNAMED on the class path)";
            }
        }
        return "";
    }

    private static EnvFlags[] flags(LmdbStoreConfig config) {
        List<EnvFlags> flags = new ArrayList<>();
        flags.add(EnvFlags.MDB_NOTLS);
        if (config.base().flushMode() == FlushMode.ASYNC_FLUSH) {
            flags.add(config.asyncSync() == LmdbStoreConfig.AsyncSync.NOSYNC ? EnvFlags.MDB_NOSYNC
                    : EnvFlags.MDB_NOMETASYNC);
        }
        if (config.writeMap()) {
            flags.add(EnvFlags.MDB_WRITEMAP);
        }
        return flags.toArray(new EnvFlags[0]);
    }

    Path dir() {
        return dir;
    }

    Dbi<ByteBuffer> log() {
        return log;
    }

    Dbi<ByteBuffer> cq() {
        return cq;
    }

    Dbi<ByteBuffer> queues() {
        return queues;
    }

    Dbi<ByteBuffer> keys() {
        return keys;
    }

    Dbi<ByteBuffer> meta() {
        return meta;
    }

    /** A read transaction; close it (try-with-resources). */
    Txn<ByteBuffer> read() {
        return env.txnRead();
    }

    /** A write transaction; writer thread only. */
    Txn<ByteBuffer> write() {
        return env.txnWrite();
    }

    /** Forces committed transactions to disk. */
    void sync() {
        env.sync(true);
    }

    /** The map size in bytes. */
    long mapSize() {
        return mapSize;
    }

    long pageSize() {
        return pageSize;
    }

    /** Pages up to LMDB's high-water mark (the last page ever used, plus one). */
    long highWaterPages() {
        return env.info().lastPageNumber + 1;
    }

    /** Pages held by the database trees as {@code txn} sees them, plus the two meta pages. */
    long pagesInUse(Txn<ByteBuffer> txn) {
        long pages = 2 + pages(env.stat());
        for (Dbi<ByteBuffer> db : List.of(log, cq, queues, keys, meta)) {
            pages += pages(db.stat(txn));
        }
        return pages;
    }

    private static long pages(Stat s) {
        return s.branchPages + s.leafPages + s.overflowPages;
    }

    /** How much of the map has ever been used (LMDB reuses freed pages below this mark), 0..1. */
    double usedRatio() {
        EnvInfo info = env.info();
        if (info.mapSize <= 0) {
            return 0;
        }
        return Math.min(1.0, (double) (info.lastPageNumber + 1) * pageSize / info.mapSize);
    }

    @Override
    public void close() {
        try {
            env.close();
        } finally {
            release(lockChannel, lock);
        }
    }

    private static FileChannel openLockFile(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + path, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) {
        try {
            FileLock l = channel.tryLock();
            if (l == null) {
                closeQuietly(channel);
                throw new StoreException("the LMDB store at " + dir + " is in use by another process");
            }
            return l;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException("the LMDB store at " + dir + " is already open in this process", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + dir, e);
        }
    }

    private static void release(FileChannel channel, FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lock of the LMDB store", e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
