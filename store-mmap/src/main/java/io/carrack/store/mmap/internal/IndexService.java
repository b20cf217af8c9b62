package io.carrack.store.mmap.internal;

import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.store.QueryResult;
import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key index over all {@link IndexFile}s: builds entries for each KEYS token and the UNIQ_KEY of a
 * record under {@code topic#key}, and answers key queries. Hash collisions and stale entries (after a
 * crash or a topic deletion) are filtered by reading the record and checking its topic, keys and time.
 *
 * <p>Thread safety: the dispatch thread builds; queries and retention may run on any thread.
 */
final class IndexService {
    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

    private final Path dir;
    private final int slotCount;
    private final int maxEntries;
    private final CopyOnWriteArrayList<IndexFile> files = new CopyOnWriteArrayList<>();

    IndexService(Path dir, int slotCount, int maxEntries) {
        this.dir = dir;
        this.slotCount = slotCount;
        this.maxEntries = maxEntries;
    }

    /** Maps the existing index files; unreadable ones are deleted (they are rebuilt from the log). */
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
        for (Path p : paths) {
            try {
                IndexFile f = IndexFile.load(p, Files.size(p));
                if (f == null) {
                    LOG.warn("ignoring index file {} with an unknown header; deleting it", p);
                    Files.deleteIfExists(p);
                } else {
                    files.add(f);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read index file " + p, e);
            }
        }
    }

    /** Deletes every index file, so that recovery rebuilds the index from the whole log. */
    void clear() {
        for (IndexFile f : files) {
            f.destroy();
        }
        files.clear();
    }

    /** Indexes the KEYS tokens and UNIQ_KEY of a record from its scanned properties. Dispatch thread only. */
    void index(String topic, PropertyScan props, long phyOffset, long storeTimestamp) {
        long keys = props.keys();
        if (keys >= 0) {
            byte[] b = props.bytes();
            int end = PropertyScan.end(keys);
            int tokenStart = PropertyScan.start(keys);
            for (int i = tokenStart; i <= end; i++) {
                if (i == end || b[i] == ' ') {
                    if (i > tokenStart) {
                        add(props.keyHash(topic, tokenStart, i), phyOffset, storeTimestamp);
                    }
                    tokenStart = i + 1;
                }
            }
        }
        long unique = props.uniqueKey();
        if (unique >= 0) {
            add(props.keyHash(topic, PropertyScan.start(unique), PropertyScan.end(unique)), phyOffset, storeTimestamp);
        }
    }

    private void add(int keyHash, long phyOffset, long storeTimestamp) {
        IndexFile last = files.isEmpty() ? null : files.get(files.size() - 1);
        if (last == null || !last.put(keyHash, phyOffset, storeTimestamp)) {
            last = IndexFile.create(dir.resolve(MappedFileQueue.fileName(phyOffset)), slotCount, maxEntries);
            files.add(last);
            if (!last.put(keyHash, phyOffset, storeTimestamp)) {
                throw new StoreException("cannot add to a new index file " + last.path());
            }
        }
    }

    /**
     * Finds records of {@code topic} indexed under {@code key} with store time in {@code [begin, end]},
     * newest first.
     *
     * @param reader    reads a record copy by physical offset
     * @param isDeleted says whether a record of the topic at an offset was removed by deleteTopics
     */
    QueryResult query(String topic, String key, int maxCount, long begin, long end,
                      LongFunction<Optional<ByteBuffer>> reader, LongPredicateForTopic isDeleted) {
        int hash = IndexDescriptor.keyHash(topic, key);
        List<ByteBuffer> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        List<Long> candidates = new ArrayList<>();
        int limit = Math.max(64, maxCount * 4);
        List<IndexFile> snapshot = new ArrayList<>(files);
        long lastTimestamp = 0;
        long lastPhyOffset = 0;
        if (!snapshot.isEmpty()) {
            lastTimestamp = snapshot.get(snapshot.size() - 1).endTimestamp();
            lastPhyOffset = snapshot.get(snapshot.size() - 1).endPhyOffset();
        }
        for (int i = snapshot.size() - 1; i >= 0 && found.size() < maxCount; i--) {
            candidates.clear();
            snapshot.get(i).find(hash, begin, end, candidates, limit);
            for (long phy : candidates) {
                if (found.size() >= maxCount) {
                    break;
                }
                if (!seen.add(phy) || isDeleted.test(topic, phy)) {
                    continue;
                }
                reader.apply(phy).filter(b -> matches(b, topic, key, begin, end)).ifPresent(found::add);
            }
        }
        return new QueryResult(found, lastTimestamp, lastPhyOffset);
    }

    /** Says whether the record of a topic at an offset is gone. */
    @FunctionalInterface
    interface LongPredicateForTopic {
        boolean test(String topic, long phyOffset);
    }

    private static boolean matches(ByteBuffer record, String topic, String key, long begin, long end) {
        StoredMessage m;
        try {
            m = StoredMessageCodec.decode(record.duplicate());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!topic.equals(m.topic()) || m.storeTimestamp() < begin || m.storeTimestamp() > end) {
            return false;
        }
        Map<String, String> props = m.properties();
        if (key.equals(props.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX))) {
            return true;
        }
        String keys = props.get(MessageConst.KEYS);
        if (keys == null) {
            return false;
        }
        for (String k : keys.split(" ")) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes index files whose newest entry points below {@code commitLogMin}, never the last one. */
    int deleteExpired(long commitLogMin) {
        int n = 0;
        while (files.size() > 1 && files.get(0).endPhyOffset() < commitLogMin) {
            IndexFile f = files.remove(0);
            f.destroy();
            n++;
        }
        return n;
    }

    void flush() {
        for (IndexFile f : files) {
            f.flush();
        }
    }

    void close() {
        for (IndexFile f : files) {
            f.close();
        }
        files.clear();
    }
}
