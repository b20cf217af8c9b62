package io.carrack.broker.internal.persist;

import io.carrack.remoting.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON file under {@code storePathRootDir/config} written atomically: the new text goes to
 * {@code name.tmp} and is forced to disk, the previous file becomes {@code name.bak}, then the temp
 * file is moved into place. Loading falls back to the .bak file when the main file is missing or
 * unreadable.
 *
 * <p>Thread safety: {@link #write} is synchronized per instance; callers serialize snapshots.
 */
public final class JsonConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(JsonConfigFile.class);

    private final Path file;
    private final Path backup;
    private final Path temp;

    public JsonConfigFile(Path file) {
        this.file = file;
        this.backup = file.resolveSibling(file.getFileName() + ".bak");
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    public Path path() {
        return file;
    }

    /** Reads the file (or its backup); empty when neither exists. */
    public <T> Optional<T> read(Class<T> type) {
        for (Path p : new Path[] {file, backup}) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    continue;
                }
                T value = Json.fromText(text, type);
                if (value != null) {
                    if (p == backup) {
                        LOG.warn("loaded {} from its backup {}", file, backup);
                    }
                    return Optional.of(value);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read {}: {}", p, e.toString());
            }
        }
        return Optional.empty();
    }

    /** Writes the JSON of a value atomically, keeping the previous version as .bak. */
    public synchronized void write(Object value) {
        byte[] json = Json.toBytes(value);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (Files.exists(file)) {
                Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
