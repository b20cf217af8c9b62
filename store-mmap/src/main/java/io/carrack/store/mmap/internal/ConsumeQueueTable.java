package io.carrack.store.mmap.internal;

import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * All consume queues, under {@code consumequeue/<topic>/<queueId>/}.
 *
 * <p>Thread safety: lookups from any thread; queues are created by the dispatch thread and removed
 * under the dispatch lock.
 */
final class ConsumeQueueTable {
    private final Path root;
    private final int fileSize;
    private final Map<String, Map<Integer, ConsumeQueue>> topics = new ConcurrentHashMap<>();

    ConsumeQueueTable(Path root, int fileSize) {
        this.root = root;
        this.fileSize = fileSize;
    }

    /** Maps every queue found on disk. */
    void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> topicDirs = Files.list(root)) {
            for (Path topicDir : topicDirs.filter(Files::isDirectory).toList()) {
                String topic = topicDir.getFileName().toString();
                try (Stream<Path> queueDirs = Files.list(topicDir)) {
                    for (Path queueDir : queueDirs.filter(Files::isDirectory).toList()) {
                        String name = queueDir.getFileName().toString();
                        if (!name.matches("\\d{1,9}")) {
                            continue;
                        }
                        ConsumeQueue cq = new ConsumeQueue(queueDir, topic, Integer.parseInt(name), fileSize);
                        cq.load();
                        topics.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(cq.queueId(), cq);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list consume queues under " + root, e);
        }
    }

    ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> queues = topics.get(topic);
        return queues == null ? null : queues.get(queueId);
    }

    /** The queue, created if new. Dispatch thread only. */
    ConsumeQueue findOrCreate(String topic, int queueId) {
        ConsumeQueue cq = find(topic, queueId);
        if (cq != null) {
            return cq;
        }
        return topics.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(queueId,
                q -> new ConsumeQueue(root.resolve(topic).resolve(Integer.toString(q)), topic, q, fileSize));
    }

    Set<Integer> queueIds(String topic) {
        Map<Integer, ConsumeQueue> queues = topics.get(topic);
        return queues == null ? Set.of() : Set.copyOf(new TreeSet<>(queues.keySet()));
    }

    List<ConsumeQueue> all() {
        List<ConsumeQueue> list = new ArrayList<>();
        topics.values().forEach(m -> list.addAll(m.values()));
        return list;
    }

    /** Removes a topic's queues and their files. */
    void removeTopic(String topic) {
        Map<Integer, ConsumeQueue> queues = topics.remove(topic);
        if (queues != null) {
            queues.values().forEach(ConsumeQueue::destroy);
        }
        Path dir = root.resolve(topic);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new StoreException("cannot remove the consume queues of " + topic + " under " + root, e);
            }
        }
    }

    /** Removes every queue (before a full rebuild). */
    void clear() {
        for (String topic : new ArrayList<>(topics.keySet())) {
            removeTopic(topic);
        }
    }

    void flush() {
        for (ConsumeQueue cq : all()) {
            cq.flush();
        }
    }

    void close() {
        for (ConsumeQueue cq : all()) {
            cq.close();
        }
        topics.clear();
    }
}
