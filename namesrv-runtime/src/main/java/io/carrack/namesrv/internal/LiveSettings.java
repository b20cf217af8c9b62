package io.carrack.namesrv.internal;

import java.util.Properties;
import java.util.Set;

/**
 * The settings that UPDATE_NAMESRV_CONFIG (318) changes and GET_NAMESRV_CONFIG (319) shows, provided by
 * the API layer so that this package does not depend on it.
 *
 * <p>Thread safety: implementations are thread-safe.
 */
public interface LiveSettings {
    /** Keys that may not be changed remotely (RocketMQ answers NO_PERMISSION). */
    Set<String> READ_ONLY_KEYS = Set.of("kvConfigPath", "configStorePath");

    /** Whether routes carry {@code orderTopicConf}. */
    boolean orderMessageEnable();

    /** The effective settings as sorted {@code key=value} lines. */
    String describe();

    /**
     * Applies changed keys.
     *
     * @throws io.carrack.common.config.ConfigException naming the key, for a bad value or a read-only key
     */
    void update(Properties props);
}
