package io.carrack.spi.store;

import java.util.Map;
import java.util.Objects;

/**
 * Typed reads of a store's own keys ({@link StoreConfig#storeProperties()}, which broker.conf gives as
 * {@code store.<type>.<key>}), with errors that name the full key so that an operator can find the line.
 *
 * <p>Thread safety: immutable if the map is not changed; any thread.
 */
public final class StoreProperties {
    private final String prefix;
    private final Map<String, String> values;

    /**
     * @param storeType the store's type as in {@code storeType}, e.g. {@code mmap}
     * @param values    the store's keys without the {@code store.<type>.} prefix
     */
    public StoreProperties(String storeType, Map<String, String> values) {
        this.prefix = "store." + Objects.requireNonNull(storeType, "storeType") + ".";
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The key as broker.conf spells it, {@code store.<type>.<key>}, for error messages. */
    public String fullName(String key) {
        return prefix + key;
    }

    /**
     * An integer value (surrounding blanks ignored), or {@code defaultValue} when the key is absent.
     *
     * @throws StoreException if the value is not an integer or is below {@code min}
     */
    public int intValue(String key, int defaultValue, int min) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new StoreException(fullName(key) + " must be an integer: '" + v + "'", e);
        }
        if (n < min) {
            throw new StoreException(fullName(key) + " must be at least " + min + ": " + v);
        }
        return n;
    }
}
