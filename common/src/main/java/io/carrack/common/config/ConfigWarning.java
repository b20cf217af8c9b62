package io.carrack.common.config;

/**
 * A configuration key that was not used.
 *
 * @param key        the key as written
 * @param closestKey the known key with the smallest edit distance, or null when no key is known
 * @param message    a sentence for people, naming both
 */
public record ConfigWarning(String key, String closestKey, String message) {
}
