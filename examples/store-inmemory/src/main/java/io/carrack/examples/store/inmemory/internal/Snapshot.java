package io.carrack.examples.store.inmemory.internal;

import io.carrack.spi.store.StoreException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file the store writes on a clean close and reads on the next open, so that the conformance kit's
 * close-and-reopen tests (and a broker restart) find the messages again. It is written only on close,
 * so it is no protection against a crash.
 *
 * <pre>
 * int   magic 0x494E4D53 ("INMS")      int  version (1)
 * long  next physical offset
 * int   queue count, then per queue:   UTF topic, int queue id, long max offset
 * int   record count, then per record: long tags code, int length, the record in the stored layout
 * </pre>
 * Queue max offsets are saved because a queue emptied by retention or holding only old records must
 * not restart at 0. Everything else is decoded from the records.
 *
 * <p>Thread safety: stateless; the store calls it under its lock.
 */
final class Snapshot {
    static final int MAGIC = 0x494E4D53;
    static final int VERSION = 1;

    /** What a snapshot holds. */
    record Contents(long nextPhysicalOffset, Map<QueueKey, Long> queueMaxOffsets, List<StoredEntry> entries) {
    }

    private Snapshot() {
    }

    /**
     * Writes a temporary file, forces it to disk and renames it over {@code file}, so that a half-written
     * snapshot is never read.
     */
    static void write(Path file, long nextPhysicalOffset, Map<QueueKey, Long> queueMaxOffsets,
                      Collection<StoredEntry> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream fileOut = new FileOutputStream(tmp.toFile());
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fileOut))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(nextPhysicalOffset);
            out.writeInt(queueMaxOffsets.size());
            for (Map.Entry<QueueKey, Long> q : queueMaxOffsets.entrySet()) {
                out.writeUTF(q.getKey().topic());
                out.writeInt(q.getKey().queueId());
                out.writeLong(q.getValue());
            }
            out.writeInt(entries.size());
            for (StoredEntry e : entries) {
                out.writeLong(e.tagsCode());
                out.writeInt(e.length());
                out.write(e.bytes());
            }
            out.flush();
            fileOut.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a snapshot written by {@link #write}. */
    static Contents read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC || version != VERSION) {
                throw new StoreException(file + " is not an in-memory store snapshot of version " + VERSION
                        + " (magic " + Integer.toHexString(magic) + ", version " + version + ")");
            }
            long nextPhysicalOffset = in.readLong();
            Map<QueueKey, Long> queues = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String topic = in.readUTF();
                int queueId = in.readInt();
                queues.put(new QueueKey(topic, queueId), in.readLong());
            }
            List<StoredEntry> entries = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                long tagsCode = in.readLong();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                entries.add(StoredEntry.of(bytes, tagsCode));
            }
            return new Contents(nextPhysicalOffset, queues, entries);
        }
    }
}
