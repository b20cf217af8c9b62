package io.carrack.store.jdbc.internal;

/**
 * The 64-bit hash a message key is indexed under in {@code carrack_message_key}: FNV-1a over the UTF-16 code
 * units of the topic, a separator and the key. Part of the schema: never change it within a schema version.
 * Collisions are possible, so a key query checks the topic and keys of every record it finds.
 *
 * <p>Thread safety: stateless.
 */
final class KeyHash {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private KeyHash() {
    }

    static long of(String topic, String key) {
        long h = OFFSET_BASIS;
        h = mix(h, topic);
        h = step(h, 0x01);
        return mix(h, key);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = step(h, c & 0xFF);
            h = step(h, c >>> 8);
        }
        return h;
    }

    private static long step(long h, int b) {
        return (h ^ b) * PRIME;
    }
}
