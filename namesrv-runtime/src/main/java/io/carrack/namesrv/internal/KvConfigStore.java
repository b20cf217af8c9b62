package io.carrack.namesrv.internal;

import com.alibaba.fastjson2.TypeReference;
import io.carrack.remoting.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key/value configuration by namespace (PUT/GET/DELETE_KV_CONFIG), persisted after every change to one
 * JSON file in RocketMQ's {@code kvConfig.json} shape: {@code {"configTable":{"ns":{"k":"v"}}}}. The
 * file is replaced atomically (written beside, then moved), so a crash leaves the old or the new
 * content.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
final class KvConfigStore {
    /** The namespace of order-topic configuration, {@code topic -> "brokerName:queueNums;..."}. */
    static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private static final Logger LOG = LoggerFactory.getLogger(KvConfigStore.class);
    private static final String TABLE_KEY = "configTable";
    private static final TypeReference<Map<String, Map<String, Map<String, String>>>> FILE_TYPE =
            new TypeReference<>() { };

    private final Path file;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, String>> table = new TreeMap<>();

    KvConfigStore(Path file) {
        this.file = file;
    }

    /**
     * Loads the file if it exists.
     *
     * @throws IllegalStateException if the file exists but cannot be read or parsed
     */
    void load() {
        if (!Files.exists(file)) {
            LOG.info("no KV config file at {}; starting empty", file);
            return;
        }
        Map<String, Map<String, Map<String, String>>> content;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            content = text.isBlank() ? Map.of() : Json.fromBytes(text.getBytes(StandardCharsets.UTF_8), FILE_TYPE);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the KV config file " + file + ": " + e.getMessage(), e);
        }
        lock.writeLock().lock();
        try {
            table.clear();
            if (content != null && content.get(TABLE_KEY) != null) {
                content.get(TABLE_KEY).forEach((ns, kv) -> table.put(ns, new TreeMap<>(kv)));
            }
            LOG.info("loaded {} KV namespaces from {}", table.size(), file);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sets a value and persists. */
    void put(String namespace, String key, String value) {
        lock.writeLock().lock();
        try {
            String prev = table.computeIfAbsent(namespace, k -> new TreeMap<>()).put(key, value);
            LOG.info("KV config {} {}: {} = {}", prev == null ? "created" : "updated", namespace, key, value);
            persist();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a value, if present, and persists. */
    void delete(String namespace, String key) {
        lock.writeLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            if (kv != null && kv.containsKey(key)) {
                String old = kv.remove(key);
                if (kv.isEmpty()) {
                    table.remove(namespace);
                }
                LOG.info("KV config deleted {}: {} (was {})", namespace, key, old);
                persist();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A value, or null. */
    String get(String namespace, String key) {
        lock.readLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            return kv == null ? null : kv.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of one namespace, or null when it has no entries. */
    Map<String, String> namespace(String namespace) {
        lock.readLock().lock();
        try {
            Map<String, String> kv = table.get(namespace);
            return kv == null ? null : new HashMap<>(kv);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Write lock held. */
    private void persist() {
        byte[] json = Json.toBytes(Map.of(TABLE_KEY, table));
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, json);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the KV config file " + file, e);
        }
    }
}
