package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * Keeps a reserve of free pages in the map for deletions. LMDB copies every page it changes, so a transaction
 * that only deletes still needs free pages: if puts were allowed to fill the map completely, retention and
 * topic deletion could never run again. Puts are admitted only while the pages they may dirty leave the
 * reserve untouched; the rest get STORE_FULL without being tried.
 *
 * <p>Free pages are the pages above LMDB's high-water mark when there are plenty of them; otherwise the map
 * minus the pages of every database tree (freed pages below the mark are reused by LMDB). The budget is a lower
 * bound carried from transaction to transaction (each admitted put takes more pages than it can dirty) and is
 * measured again only when it runs low or after {@value #REMEASURE_EVERY} transactions, so that the common
 * transaction makes no extra native call.
 *
 * <p>Thread safety: writer thread only.
 */
final class SpaceGuard {
    /** Pages a put may dirty besides its record: leaf and branch pages of the log, queue, key and meta trees. */
    private static final int PAGES_PER_PUT = 12;
    private static final int REMEASURE_EVERY = 4096;

    private final StoreEnv env;
    private final long pageSize;
    private final long reservePages;
    private final long mapPages;
    private long budget = -1;
    private int transactions;

    SpaceGuard(StoreEnv env, long reservePages) {
        this.env = env;
        this.pageSize = env.pageSize();
        this.reservePages = reservePages;
        this.mapPages = env.mapSize() / pageSize;
    }

    /** The reserve for a map of {@code mapSize} bytes: 1% of it, at least 16 pages, at most 64 MiB. */
    static long reserveFor(long mapSize, long pageSize) {
        long pages = mapSize / pageSize;
        return Math.max(16, Math.min(pages / 100, (64L << 20) / pageSize));
    }

    /** Starts a transaction: computes how many pages puts may use in it. */
    void begin(Txn<ByteBuffer> txn) {
        if (budget > 4 * reservePages && ++transactions < REMEASURE_EVERY) {
            return;
        }
        transactions = 0;
        long above = mapPages - env.highWaterPages();
        if (above > 4 * reservePages) {
            budget = above - reservePages;
            return;
        }
        budget = mapPages - env.pagesInUse(txn) - reservePages;
    }

    /** Forgets the budget, so that the next transaction measures again (after deletions freed pages). */
    void remeasure() {
        budget = -1;
    }

    /** Takes the pages a put of {@code bytes} may need; false (nothing taken) if they would cut into the reserve. */
    boolean admit(int bytes) {
        long need = PAGES_PER_PUT + 2 * ((bytes + pageSize - 1) / pageSize);
        if (need > budget) {
            return false;
        }
        budget -= need;
        return true;
    }
}
