package io.carrack.namesrv.internal;

import io.carrack.common.config.ConfigException;
import io.carrack.namesrv.NamesrvConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The name server's current settings, replaced as a whole by UPDATE_NAMESRV_CONFIG. Only
 * {@code orderMessageEnable} takes effect at once; network, thread and scan settings are recorded
 * (and shown by GET_NAMESRV_CONFIG) but take effect at the next start.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
final class LiveConfig {
    /** Keys that may not be changed remotely, as in RocketMQ. */
    static final Set<String> PATH_KEYS = Set.of("kvConfigPath", "configStorePath");

    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    private final Object updateLock = new Object();
    private volatile NamesrvConfig current;

    LiveConfig(NamesrvConfig initial) {
        this.current = initial.copy();
    }

    /** A snapshot; callers must not modify it. */
    NamesrvConfig get() {
        return current;
    }

    /**
     * Applies changed keys and writes the effective settings to {@code configStorePath}.
     *
     * @throws ConfigException naming the key, for a bad value or a path key
     */
    void update(Properties props) {
        for (String key : props.stringPropertyNames()) {
            if (PATH_KEYS.contains(key.trim())) {
                throw new ConfigException(key.trim(), "Can not update config path");
            }
        }
        synchronized (updateLock) {
            NamesrvConfig next = current.copy();
            next.bind(props);
            current = next;
            LOG.info("name-server config updated: {}", props);
            persist(next);
        }
    }

    private static void persist(NamesrvConfig config) {
        Path file = Path.of(config.getConfigStorePath());
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, config.describe(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
