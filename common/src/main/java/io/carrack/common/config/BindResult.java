package io.carrack.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ConfigBinder#bind} did.
 *
 * @param boundKeys the canonical names of the keys that were set
 * @param warnings  one warning per unknown key, in key order
 * @param sections  for each section prefix given to the binder (such as {@code store.}), the keys found
 *                  under it with the prefix removed, and their trimmed values; an empty map when none
 */
public record BindResult(Set<String> boundKeys, List<ConfigWarning> warnings,
                         Map<String, Map<String, String>> sections) {
    /** Creates a result; the collections are copied. */
    public BindResult {
        boundKeys = Set.copyOf(boundKeys);
        warnings = List.copyOf(warnings);
        sections = Map.copyOf(sections);
    }

    /**
     * The keys under one section prefix, the prefix removed; empty if the prefix has no keys.
     *
     * @throws IllegalArgumentException if the binder was not given this prefix
     */
    public Map<String, String> section(String prefix) {
        Map<String, String> s = sections.get(prefix);
        if (s == null) {
            throw new IllegalArgumentException("no section '" + prefix + "' was declared; declared: " + sections.keySet());
        }
        return s;
    }
}
