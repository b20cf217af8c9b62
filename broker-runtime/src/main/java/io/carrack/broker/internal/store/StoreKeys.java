package io.carrack.broker.internal.store;

import io.carrack.common.config.ConfigWarning;
import io.carrack.spi.store.MessageStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks broker.conf's {@code store.<type>.*} keys against the keys the selected store declares
 * ({@link MessageStoreProvider#knownKeys()}): a key the store does not read is a warning naming the closest
 * key it does read, so a typo such as {@code store.lmdb.mapSzie} is not silently replaced by the default.
 * A store that declares no keys is not checked.
 */
public final class StoreKeys {
    private StoreKeys() {
    }

    /**
     * One warning per key the store does not read, in key order; keys and suggestions are spelt as in
     * broker.conf, {@code store.<type>.<key>}.
     *
     * @param provider   the selected store
     * @param properties the store's keys, prefix removed
     */
    public static List<ConfigWarning> unknown(MessageStoreProvider provider, Map<String, String> properties) {
        return provider.knownKeys()
                .map(known -> unknown("store." + provider.name() + ".", known, properties))
                .orElse(List.of());
    }

    private static List<ConfigWarning> unknown(String prefix, Set<String> known, Map<String, String> properties) {
        // Sorted, so that a tie between two suggestions is decided the same way on every run.
        Set<String> knownFull = new TreeSet<>();
        known.forEach(k -> knownFull.add(prefix + k));
        List<ConfigWarning> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(properties.keySet())) {
            if (!known.contains(key)) {
                warnings.add(ConfigWarning.unknownKey(prefix + key, knownFull));
            }
        }
        return warnings;
    }
}
