package io.carrack.spi.filter;

import java.util.Map;

/**
 * A compiled expression over message properties (TAGS included).
 *
 * <p>Thread safety: immutable; evaluate from any thread.
 */
@FunctionalInterface
public interface PropertyFilter {
    /** Whether a message with these properties matches; never throws, false when unknown. */
    boolean matches(Map<String, String> properties);
}
