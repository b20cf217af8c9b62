package io.carrack.filter.sql.internal;

import java.util.Map;

/** A message property; null when the message does not have it. */
final class PropertyValue extends ValueSource {
    private final String name;

    PropertyValue(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    @Override
    Object value(Map<String, String> properties) {
        return properties.get(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
