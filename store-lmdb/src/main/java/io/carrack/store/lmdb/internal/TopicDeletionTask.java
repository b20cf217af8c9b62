package io.carrack.store.lmdb.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes topics: their consume-queue entries, queue bounds and key-index entries. Their records stay in the
 * log (readable by physical offset) until retention removes them; a re-created topic starts at queue offset 0.
 *
 * <p>Thread safety: runs on the writer thread.
 */
final class TopicDeletionTask implements WriteTask {
    private static final Logger LOG = LoggerFactory.getLogger(TopicDeletionTask.class);

    private final StoreEnv env;
    private final QueueTable queues;
    private final KeyIndex keyIndex;
    private final Set<String> topics;
    private final ByteBuffer prefix = ByteBuffer.allocateDirect(LmdbLayout.KEY_BUFFER_SIZE);

    TopicDeletionTask(StoreEnv env, QueueTable queues, KeyIndex keyIndex, Set<String> topics) {
        this.env = env;
        this.queues = queues;
        this.keyIndex = keyIndex;
        this.topics = Set.copyOf(topics);
    }

    @Override
    public Runnable apply(Txn<ByteBuffer> txn) {
        List<String> done = new ArrayList<>();
        for (String topic : topics) {
            byte[] t = LmdbLayout.topicBytes(topic);
            if (t.length == 0 || t.length > 255) {
                continue;
            }
            prefix.clear();
            LmdbLayout.topicPrefix(prefix, t).flip();
            int entries = Prefixes.deleteAll(env.cq(), txn, prefix);
            prefix.clear();
            LmdbLayout.topicPrefix(prefix, t).flip();
            Prefixes.deleteAll(env.queues(), txn, prefix);
            int keys = keyIndex.removeTopic(txn, t);
            LOG.info("deleting topic {}: {} queue entries, {} key entries", topic, entries, keys);
            done.add(topic);
        }
        return () -> done.forEach(queues::removeTopic);
    }
}
