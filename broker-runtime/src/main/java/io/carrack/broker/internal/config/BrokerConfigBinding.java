package io.carrack.broker.internal.config;

import io.carrack.broker.BrokerConfig;
import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigBinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Binds broker.conf to {@link BrokerConfig}: RocketMQ key names, aliases declared on the setters,
 * and the {@code store.<type>.*} section handed to the store of the configured type.
 */
public final class BrokerConfigBinding {
    /** The prefix of store-specific keys. */
    public static final String STORE_SECTION = "store.";

    private BrokerConfigBinding() {
    }

    /** A binder for a live config (no section; UPDATE_BROKER_CONFIG uses it). */
    public static ConfigBinder binder(BrokerConfig config) {
        return ConfigBinder.builder().bean(config).section(STORE_SECTION).build();
    }

    /**
     * Binds a file and the store section.
     *
     * @throws io.carrack.common.config.ConfigException naming the key of a bad value
     */
    public static BindResult bind(BrokerConfig config, Path file) {
        ConfigBinder binder = binder(config);
        BindResult r = binder.bind(file);
        applyStoreSection(config, r);
        return r;
    }

    /**
     * Binds properties and the store section.
     *
     * @throws io.carrack.common.config.ConfigException naming the key of a bad value
     */
    public static BindResult bind(BrokerConfig config, Properties props) {
        BindResult r = binder(config).bind(props);
        applyStoreSection(config, r);
        return r;
    }

    private static void applyStoreSection(BrokerConfig config, BindResult r) {
        String prefix = config.getStoreType() + ".";
        Map<String, String> mine = new TreeMap<>();
        r.section(STORE_SECTION).forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                mine.put(k.substring(prefix.length()), v);
            }
        });
        config.storeProperties(mine);
    }

    /** The effective configuration as sorted {@code key=value} lines, store keys included. */
    public static String describe(BrokerConfig config) {
        StringBuilder sb = new StringBuilder(binder(config).describe(null));
        new TreeMap<>(config.getStoreProperties()).forEach((k, v) ->
                sb.append(STORE_SECTION).append(config.getStoreType()).append('.').append(k).append('=').append(v)
                        .append('\n'));
        return sb.toString();
    }
}
