package io.carrack.common.config;

import java.util.Collection;

/**
 * A configuration key that was not used.
 *
 * @param key        the key as written
 * @param closestKey the known key with the smallest edit distance, or null when no key is known
 * @param message    a sentence for people, naming both
 */
public record ConfigWarning(String key, String closestKey, String message) {

    /**
     * The warning for a key nobody reads, naming the known key with the smallest edit distance (case
     * ignored; the first in iteration order on ties), worded as {@link ConfigBinder} words its own.
     *
     * @param key       the key as written, e.g. {@code store.mmap.indexHashSlotz}
     * @param knownKeys the keys that would have been read, spelt like {@code key}; may be empty
     */
    public static ConfigWarning unknownKey(String key, Collection<String> knownKeys) {
        return unknown(key, EditDistance.closest(key, knownKeys));
    }

    /** The warning for an unknown key with its closest known key already chosen (null if none). */
    static ConfigWarning unknown(String key, String closest) {
        String message = closest == null
                ? "unknown config key '" + key + "' ignored"
                : "unknown config key '" + key + "' ignored; did you mean '" + closest + "'?";
        return new ConfigWarning(key, closest, message);
    }
}
