package io.carrack.client.internal.consumer;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.carrack.client.ClientException;
import io.carrack.common.message.MessageQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offsets of a broadcasting consumer, kept in {@code <dir>/<clientId>/<group>/offsets.json}. The file
 * is {@code {"offsetTable":[{"brokerName":"b","offset":5,"queueId":0,"topic":"T"},...]}}. It is
 * replaced atomically (write to a temporary file, then move), and the previous version is kept as
 * {@code offsets.json.bak} and read when the main file is missing or unreadable.
 *
 * <p>Thread safety: thread-safe; writes are serialized.
 */
final class LocalFileOffsetStore implements OffsetStore {
    private final Path file;
    private final Map<MessageQueue, AtomicLong> table = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    LocalFileOffsetStore(Path dir, String clientId, String group) {
        this.file = dir.resolve(clientId.replace(':', '_')).resolve(group).resolve("offsets.json");
    }

    /** The file offsets are written to. */
    Path file() {
        return file;
    }

    @Override
    public void load() {
        Map<MessageQueue, Long> loaded = readFile(file);
        if (loaded == null) {
            loaded = readFile(file.resolveSibling("offsets.json.bak"));
        }
        if (loaded != null) {
            loaded.forEach((mq, off) -> table.put(mq, new AtomicLong(off)));
        }
    }

    private static Map<MessageQueue, Long> readFile(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JSONObject root = JSON.parseObject(Files.readString(f, StandardCharsets.UTF_8));
            JSONArray arr = root.getJSONArray("offsetTable");
            Map<MessageQueue, Long> m = new HashMap<>();
            for (int i = 0; arr != null && i < arr.size(); i++) {
                JSONObject e = arr.getJSONObject(i);
                m.put(new MessageQueue(e.getString("topic"), e.getString("brokerName"), e.getIntValue("queueId")),
                        e.getLongValue("offset"));
            }
            return m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void update(MessageQueue mq, long offset, boolean increaseOnly) {
        AtomicLong cur = table.computeIfAbsent(mq, k -> new AtomicLong(offset));
        if (increaseOnly) {
            cur.accumulateAndGet(offset, Math::max);
        } else {
            cur.set(offset);
        }
    }

    @Override
    public long read(MessageQueue mq, ReadType type) {
        if (type == ReadType.STORE) {
            Map<MessageQueue, Long> onDisk = readFile(file);
            Long v = onDisk == null ? null : onDisk.get(mq);
            if (v != null) {
                update(mq, v, false);
            }
            return v == null ? -1 : v;
        }
        AtomicLong v = table.get(mq);
        if (v != null) {
            return v.get();
        }
        return type == ReadType.MEMORY ? -1 : read(mq, ReadType.STORE);
    }

    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        writeFile();
    }

    @Override
    public void persist(MessageQueue mq) {
        writeFile();
    }

    private void writeFile() {
        synchronized (writeLock) {
            JSONArray arr = new JSONArray();
            table.forEach((mq, off) -> {
                JSONObject e = new JSONObject();
                e.put("brokerName", mq.brokerName());
                e.put("offset", off.get());
                e.put("queueId", mq.queueId());
                e.put("topic", mq.topic());
                arr.add(e);
            });
            JSONObject root = new JSONObject();
            root.put("offsetTable", arr);
            try {
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling("offsets.json.tmp");
                Files.writeString(tmp, root.toJSONString(), StandardCharsets.UTF_8);
                if (Files.exists(file)) {
                    Files.copy(file, file.resolveSibling("offsets.json.bak"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new ClientException("cannot write offsets to " + file, new UncheckedIOException(e));
            }
        }
    }

    /** Keeps the entry: a broadcasting consumer's file holds every queue it ever read (as in RocketMQ). */
    @Override
    public void remove(MessageQueue mq) {
    }

    @Override
    public Map<MessageQueue, Long> snapshot() {
        Map<MessageQueue, Long> m = new HashMap<>();
        table.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
