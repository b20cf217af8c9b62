package io.carrack.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Converts trimmed text to the supported setter parameter types, with messages naming what is accepted. */
final class ValueConverter {
    private ValueConverter() {
    }

    static boolean supports(Class<?> type) {
        return type == String.class || type == int.class || type == Integer.class || type == long.class
                || type == Long.class || type == boolean.class || type == Boolean.class || type == double.class
                || type == Double.class || type.isEnum();
    }

    /** Preference when one key has several setters: the most specific type wins, String last. */
    static int rank(Class<?> type) {
        if (type.isEnum()) {
            return 0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return 1;
        }
        if (type == int.class || type == Integer.class) {
            return 2;
        }
        if (type == long.class || type == Long.class) {
            return 3;
        }
        if (type == double.class || type == Double.class) {
            return 4;
        }
        return 5;
    }

    /** What a value of this type must look like, for error messages. */
    static String accepted(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        return "any text";
    }

    /**
     * Converts a trimmed value.
     *
     * @throws ConfigException naming the key, the value and what is accepted
     */
    static Object convert(String key, String value, Class<?> type) {
        try {
            if (type == String.class) {
                return value;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            }
            if (type == double.class || type == Double.class) {
                double d = Double.parseDouble(value);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException(value);
                }
                return d;
            }
            if (type == boolean.class || type == Boolean.class) {
                String v = value.toLowerCase(Locale.ROOT);
                if (v.equals("true") || v.equals("false")) {
                    return Boolean.valueOf(v);
                }
                throw bad(key, value, type);
            }
            if (type.isEnum()) {
                return toEnum(key, value, type);
            }
        } catch (NumberFormatException e) {
            throw bad(key, value, type);
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    private static Object toEnum(String key, String value, Class<?> type) {
        Object ignoringCase = null;
        for (Object c : type.getEnumConstants()) {
            String name = ((Enum<?>) c).name();
            if (name.equals(value)) {
                return c;
            }
            if (name.equalsIgnoreCase(value)) {
                ignoringCase = c;
            }
        }
        if (ignoringCase != null) {
            return ignoringCase;
        }
        throw bad(key, value, type);
    }

    private static ConfigException bad(String key, String value, Class<?> type) {
        return new ConfigException(key, "config key '" + key + "' has bad value '" + value + "': expected "
                + accepted(type));
    }

    /** Text form of a current value for printing; enums by name, null as empty. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(value);
    }
}
