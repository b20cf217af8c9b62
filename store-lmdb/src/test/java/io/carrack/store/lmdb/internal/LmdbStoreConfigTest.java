package io.carrack.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys under {@code store.lmdb.}: defaults, units, and errors that name the key. */
class LmdbStoreConfigTest {
    private static LmdbStoreConfig parse(Map<String, String> props) {
        return LmdbStoreConfig.from(StoreConfig.defaults(Path.of("/tmp/x")).withStoreProperties(props));
    }

    @Test
    void defaults() {
        LmdbStoreConfig c = parse(Map.of());
        assertEquals(LmdbStoreConfig.MAP_SIZE_DEFAULT, c.mapSize());
        assertEquals(LmdbStoreConfig.AsyncSync.NOSYNC, c.asyncSync());
        assertEquals(LmdbStoreConfig.MAX_READERS_DEFAULT, c.maxReaders());
    }

    @Test
    void mapSizeTakesUnits() {
        assertEquals(64L << 30, parse(Map.of("mapSize", "64g")).mapSize());
        assertEquals(512L << 20, parse(Map.of("mapSize", " 512M ")).mapSize());
        assertEquals(2L << 40, parse(Map.of("mapSize", "2TB")).mapSize());
        assertEquals(1048576, parse(Map.of("mapSize", "1048576")).mapSize());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("store.lmdb.mapSize", Map.of("mapSize", "lots"));
        assertMessage("store.lmdb.mapSize", Map.of("mapSize", "1k"));
        assertMessage("store.lmdb.asyncSync", Map.of("asyncSync", "sometimes"));
        assertMessage("store.lmdb.writeMap", Map.of("writeMap", "yes"));
        assertMessage("store.lmdb.maxReaders", Map.of("maxReaders", "0"));
    }

    private static void assertMessage(String key, Map<String, String> props) {
        StoreException e = assertThrows(StoreException.class, () -> parse(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
