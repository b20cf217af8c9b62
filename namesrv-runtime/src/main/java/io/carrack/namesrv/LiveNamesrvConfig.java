package io.carrack.namesrv;

import io.carrack.common.config.ConfigException;
import io.carrack.namesrv.internal.LiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running name server's {@link NamesrvConfig}, replaced as a whole by UPDATE_NAMESRV_CONFIG and then
 * written to {@code configStorePath}. Only {@code orderMessageEnable} takes effect at once; network,
 * thread and scan settings are recorded (and shown by GET_NAMESRV_CONFIG) but apply at the next start.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
final class LiveNamesrvConfig implements LiveSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveNamesrvConfig.class);

    private final Object updateLock = new Object();
    private volatile NamesrvConfig current;

    LiveNamesrvConfig(NamesrvConfig initial) {
        this.current = initial.copy();
    }

    /** A snapshot; callers must not modify it. */
    NamesrvConfig current() {
        return current;
    }

    @Override
    public boolean orderMessageEnable() {
        return current.isOrderMessageEnable();
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public void update(Properties props) {
        for (String key : props.stringPropertyNames()) {
            if (READ_ONLY_KEYS.contains(key.trim())) {
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
