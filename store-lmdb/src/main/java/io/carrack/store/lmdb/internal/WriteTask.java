package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * Work other than puts that the writer thread runs in a write transaction of its own: topic deletion and
 * retention. Serializing them with puts keeps queue offsets and bounds consistent.
 */
@FunctionalInterface
interface WriteTask {
    /**
     * Changes the databases in {@code txn} (not committed yet).
     *
     * @return what to publish to the in-memory state once the transaction has committed
     */
    Runnable apply(Txn<ByteBuffer> txn);
}
