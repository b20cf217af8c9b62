package io.carrack.store.lmdb.internal;

import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.spi.store.PutResult;
import io.carrack.spi.store.PutStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: group commit. Callers queue {@link PutRequest}s and {@link TaskRequest}s; whoever holds the
 * write lock drains the puts waiting at that moment (up to {@code maxBatchMessages} messages and
 * {@code maxBatchBytes}) into one write transaction, commits it (forced to disk by LMDB with SYNC_FLUSH) and
 * only then completes their requests. A task runs alone in its own transaction.
 *
 * <p>The lock holder is the writer thread ({@code carrack-store-lmdb-writer}) or, when the lock is free, the
 * caller itself (combining): a lone producer then commits its own put without handing it to another thread
 * and waiting to be scheduled twice, while concurrent producers queue behind the holder and are committed
 * together by it or by the writer thread. Either way exactly one thread writes at a time, LMDB's rule.
 *
 * <p>When a transaction fails because the map is full ({@code MDB_MAP_FULL}) or the transaction too large,
 * it is aborted (nothing of it is kept) and its puts are retried one per transaction, so every put that still
 * fits is stored and the others get {@link PutStatus#STORE_FULL}.
 *
 * <p>Thread safety: {@link #submit} from any thread; everything else runs under the write lock.
 */
final class WriterService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(WriterService.class);
    private static final long IDLE_MILLIS = 100;

    private final StoreEnv env;
    private final RecordAppender appender;
    private final int maxBatchMessages;
    private final int maxBatchBytes;
    private final Queue<WriteRequest> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<PutRequest> batch = new ArrayList<>();
    private final List<PutRequest> admitted = new ArrayList<>();
    private final SpaceGuard space;

    WriterService(StoreEnv env, RecordAppender appender, SpaceGuard space, int maxBatchMessages, int maxBatchBytes) {
        super("store-lmdb", "writer", IDLE_MILLIS);
        this.env = env;
        this.space = space;
        this.appender = appender;
        this.maxBatchMessages = maxBatchMessages;
        this.maxBatchBytes = maxBatchBytes;
    }

    /**
     * Queues a request; if no one is writing, writes the queue up to and including it on this thread, else
     * wakes the writer thread. The caller then waits for the request.
     */
    void submit(WriteRequest r) {
        queue.add(r);
        if (writeLock.tryLock()) {
            try {
                WriteRequest next;
                while (!r.isDone() && (next = queue.poll()) != null) {
                    process(next);
                }
            } finally {
                writeLock.unlock();
            }
            if (!queue.isEmpty()) {
                wakeup();
            }
        } else {
            wakeup();
        }
    }

    @Override
    protected int doWork() {
        if (queue.isEmpty()) {
            return 0;
        }
        int n = 0;
        writeLock.lock();
        try {
            WriteRequest next;
            while ((next = queue.poll()) != null) {
                n += process(next);
            }
        } finally {
            writeLock.unlock();
        }
        return n;
    }

    @Override
    protected void onStop() {
        writeLock.lock();
        try {
            WriteRequest r;
            while ((r = queue.poll()) != null) {
                process(r);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Fails every request still queued (after the thread has ended). */
    void failPending() {
        WriteRequest r;
        while ((r = queue.poll()) != null) {
            r.failIfPending();
        }
    }

    private int process(WriteRequest first) {
        if (first instanceof TaskRequest task) {
            if (task.claim()) {
                runTask(task);
            }
            return 1;
        }
        batch.clear();
        int messages = 0;
        int bytes = 0;
        WriteRequest r = first;
        while (true) {
            PutRequest put = (PutRequest) r;
            if (put.claim()) {
                batch.add(put);
                messages += put.messages().size();
                bytes += put.bytes();
            }
            WriteRequest next = queue.peek();
            if (!(next instanceof PutRequest) || messages >= maxBatchMessages || bytes >= maxBatchBytes) {
                break;
            }
            r = queue.poll();
        }
        if (!batch.isEmpty()) {
            commitPuts(batch);
        }
        return Math.max(1, batch.size());
    }

    private void commitPuts(List<PutRequest> puts) {
        try {
            writeAndCommit(puts);
            for (PutRequest p : puts) {
                p.complete();
            }
        } catch (Env.MapFullException | Txn.TxFullException e) {
            if (puts.size() > 1) {
                LOG.debug("a transaction of {} puts did not fit ({}); retrying them one by one", puts.size(), e);
                for (PutRequest p : puts) {
                    commitPuts(List.of(p));
                }
            } else {
                LOG.warn("the LMDB map at {} is full ({} bytes): put refused with STORE_FULL; raise store.lmdb.mapSize"
                        + " or shorten fileReservedTime", env.dir(), env.mapSize());
                fail(puts.get(0), PutStatus.STORE_FULL);
            }
        } catch (LmdbException | IllegalStateException | IllegalArgumentException e) {
            LOG.error("write transaction of {} puts failed; nothing of it was stored", puts.size(), e);
            for (PutRequest p : puts) {
                fail(p, PutStatus.UNKNOWN_ERROR);
            }
        }
    }

    private void writeAndCommit(List<PutRequest> puts) {
        appender.begin();
        admitted.clear();
        boolean committed = false;
        try (Txn<ByteBuffer> txn = env.write()) {
            space.begin(txn);
            for (PutRequest p : puts) {
                if (space.admit(p.bytes())) {
                    appender.append(txn, p);
                    admitted.add(p);
                } else {
                    p.result(PutResult.failed(PutStatus.STORE_FULL));
                }
            }
            if (admitted.size() < puts.size()) {
                LOG.warn("the LMDB map at {} is nearly full ({} bytes): {} puts refused with STORE_FULL; raise"
                        + " store.lmdb.mapSize or shorten fileReservedTime", env.dir(), env.mapSize(),
                        puts.size() - admitted.size());
            }
            if (!admitted.isEmpty()) {
                appender.finish(txn);
                txn.commit();
            }
            committed = true;
        } finally {
            if (!committed) {
                appender.aborted();
            }
        }
        appender.committed(admitted);
    }

    private static void fail(PutRequest p, PutStatus status) {
        p.result(PutResult.failed(status));
        p.complete();
    }

    private void runTask(TaskRequest task) {
        try {
            Runnable publish;
            try (Txn<ByteBuffer> txn = env.write()) {
                publish = task.task().apply(txn);
                txn.commit();
            }
            publish.run();
            space.remeasure();
        } catch (RuntimeException e) {
            LOG.error("store task failed; nothing of it was stored", e);
            task.failure(e);
        } finally {
            task.complete();
        }
    }
}
