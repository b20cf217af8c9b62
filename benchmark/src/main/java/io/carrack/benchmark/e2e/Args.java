package io.carrack.benchmark.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or {@code --name=value}. Every option read
 * is remembered, so that {@link #rejectUnknown()} can name a mistyped one.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() < 3) {
                throw new IllegalArgumentException("expected an option --name, got: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                values.put(a.substring(2), argv[++i]);
            } else {
                values.put(a.substring(2), "true");
            }
        }
    }

    String string(String name, String def) {
        read.add(name);
        return values.getOrDefault(name, def);
    }

    boolean has(String name) {
        read.add(name);
        return values.containsKey(name);
    }

    int integer(String name, int def) {
        return (int) along(name, def);
    }

    long along(String name, long def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        String s = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long mult = 1;
        if (s.endsWith("k")) {
            mult = 1_000;
        } else if (s.endsWith("m")) {
            mult = 1_000_000;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Long.parseLong(s) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got: " + v);
        }
    }

    /** A size in bytes: {@code 1024}, {@code 1k} (1024) or {@code 1m}. */
    int bytes(String name, int def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        int mult = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1024 * 1024 : 1;
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Integer.parseInt(s), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--" + name + " needs a size, got: " + v);
        }
    }

    /** A duration: {@code 30} or {@code 30s} (seconds), {@code 500ms}, {@code 2m}. */
    Duration duration(String name, Duration def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a duration (30s, 500ms, 2m), got: " + v);
        }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got: " + v);
        }
    }

    void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
    }
}
