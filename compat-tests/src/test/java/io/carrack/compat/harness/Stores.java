package io.carrack.compat.harness;

import java.util.Arrays;
import java.util.List;

/**
 * The store types the compat tests run against: system property {@code carrack.compat.stores}, a
 * comma-separated list ({@code mmap,lmdb,jdbc}); {@code mmap} when unset.
 */
public final class Stores {

    /** System property that selects the store types. */
    public static final String PROPERTY = "carrack.compat.stores";

    private Stores() {
    }

    /** The selected store types, in order, without duplicates. */
    public static List<String> selected() {
        String value = System.getProperty(PROPERTY, "mmap");
        List<String> stores = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (stores.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no store: '" + value + "'");
        }
        return stores;
    }
}
