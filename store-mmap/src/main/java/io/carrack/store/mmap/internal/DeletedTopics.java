package io.carrack.store.mmap.internal;

import io.carrack.spi.store.StoreException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per deleted topic, the commit-log offset at deletion: records of the topic below it are
 * gone even though their bytes stay in the log until retention. Dispatch (after a crash) and key
 * queries skip them. Kept in {@code deleted-topics.properties}, replaced atomically.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class DeletedTopics {
    private final Path path;
    private final Map<String, Long> watermarks = new ConcurrentHashMap<>();

    DeletedTopics(Path path) {
        this.path = path;
    }

    void load() {
        if (!Files.exists(path)) {
            return;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StoreException("cannot read " + path, e);
        }
        for (String topic : p.stringPropertyNames()) {
            watermarks.put(topic, Long.parseLong(p.getProperty(topic).trim()));
        }
    }

    /** Whether the record of {@code topic} at {@code phyOffset} was deleted. */
    boolean isDeleted(String topic, long phyOffset) {
        if (watermarks.isEmpty()) {
            return false;
        }
        Long w = watermarks.get(topic);
        return w != null && phyOffset < w;
    }

    /** Marks the topic deleted below {@code offset} and saves. */
    synchronized void delete(String topic, long offset) {
        watermarks.merge(topic, offset, Math::max);
        save();
    }

    /** Forgets watermarks below the log's min offset (those records are gone anyway). */
    synchronized void prune(long commitLogMin) {
        if (watermarks.values().removeIf(w -> w <= commitLogMin)) {
            save();
        }
    }

    private void save() {
        Properties p = new Properties();
        watermarks.forEach((t, w) -> p.setProperty(t, Long.toString(w)));
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "topics deleted below a commit-log offset");
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot write " + path, e);
        }
    }
}
