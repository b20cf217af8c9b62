package io.carrack.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StorePropertiesTest {
    private final StoreProperties props = new StoreProperties("demo", Map.of("n", " 42 ", "low", "0", "bad", "4x"));

    @Test
    void readsIntegersAndDefaults() {
        assertEquals(42, props.intValue("n", 7, 1));
        assertEquals(7, props.intValue("absent", 7, 1));
        assertEquals("store.demo.n", props.fullName("n"));
    }

    @Test
    void errorsNameTheFullKey() {
        StoreException low = assertThrows(StoreException.class, () -> props.intValue("low", 7, 1));
        assertEquals("store.demo.low must be at least 1: 0", low.getMessage());
        StoreException bad = assertThrows(StoreException.class, () -> props.intValue("bad", 7, 1));
        assertEquals("store.demo.bad must be an integer: '4x'", bad.getMessage());
    }
}
