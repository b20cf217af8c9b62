package io.carrack.broker.internal.config;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.store.StoreKeys;
import io.carrack.broker.internal.store.StoreLoader;
import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigBinder;
import io.carrack.common.config.ConfigWarning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds broker.conf to {@link BrokerConfig}: RocketMQ key names, aliases declared on the setters,
 * and the {@code store.<type>.*} section handed to the store of the configured type. A store key of
 * another type ({@code store.lmdb.mapSize} with {@code storeType=jdbc}), or one without a type, is not
 * used: it is reported as a warning naming the key, like any unknown key. A key of the configured store
 * that the store does not read (as its provider declares in
 * {@link io.carrack.spi.store.MessageStoreProvider#knownKeys()}) is reported as unknown, naming the closest
 * key the store reads. Store-section warnings are logged here; the binder logs its own.
 */
public final class BrokerConfigBinding {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfigBinding.class);
    /** The prefix of store-specific keys. */
    public static final String STORE_SECTION = "store.";
    /** A password given as a URL parameter ({@code ...?password=x&...}), masked when printed. */
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password=)[^&;]*");

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
        return applyStoreSection(config, r);
    }

    /**
     * Binds properties and the store section.
     *
     * @throws io.carrack.common.config.ConfigException naming the key of a bad value
     */
    public static BindResult bind(BrokerConfig config, Properties props) {
        BindResult r = binder(config).bind(props);
        return applyStoreSection(config, r);
    }

    /**
     * Hands the configured store's keys to the config; the result gains a warning per other store key and
     * per key the configured store does not read. An unknown {@code storeType} is not reported here: start-up
     * fails on it, listing the stores found.
     */
    private static BindResult applyStoreSection(BrokerConfig config, BindResult r) {
        String storeType = config.getStoreType();
        String prefix = storeType + ".";
        Map<String, String> mine = new TreeMap<>();
        List<ConfigWarning> others = new ArrayList<>();
        r.section(STORE_SECTION).forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                mine.put(k.substring(prefix.length()), v);
            } else {
                others.add(otherStoreKey(STORE_SECTION + k, storeType));
            }
        });
        config.storeProperties(mine);
        StoreLoader.lookup(storeType).ifPresent(p -> others.addAll(StoreKeys.unknown(p, mine)));
        for (ConfigWarning w : others) {
            LOG.warn(w.message());
        }
        if (others.isEmpty()) {
            return r;
        }
        List<ConfigWarning> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(others);
        return new BindResult(r.boundKeys(), warnings, r.sections());
    }

    private static ConfigWarning otherStoreKey(String key, String storeType) {
        String rest = key.substring(STORE_SECTION.length());
        int dot = rest.indexOf('.');
        String message = dot <= 0 || dot == rest.length() - 1
                ? "ignoring " + key + ": store keys are named store.<storeType>.<key>, here store."
                        + storeType + ".<key>"
                : "ignoring " + key + ": it is a key of store '" + rest.substring(0, dot) + "', but storeType="
                        + storeType;
        return new ConfigWarning(key, null, message);
    }

    /**
     * The effective configuration as sorted {@code key=value} lines, store keys included; the values of
     * store keys whose name mentions a password or secret are printed as {@code ***}.
     */
    public static String describe(BrokerConfig config) {
        StringBuilder sb = new StringBuilder(binder(config).describe(null));
        new TreeMap<>(config.getStoreProperties()).forEach((k, v) ->
                sb.append(STORE_SECTION).append(config.getStoreType()).append('.').append(k).append('=')
                        .append(isSecret(k) ? "***" : URL_SECRET.matcher(v).replaceAll("$1***")).append('\n'));
        return sb.toString();
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret");
    }
}
