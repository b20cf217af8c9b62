package io.carrack.common.config;

/** A configuration that cannot be used; the message names the key and what it accepts. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending key, or null when the problem is not one key's. */
    public String key() {
        return key;
    }
}
