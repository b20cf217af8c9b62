package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FieldMap behaves as an insertion-ordered map. */
class FieldMapTest {
    @Test
    void randomOperationsMatchLinkedHashMap() {
        Random random = new Random(42);
        FieldMap map = new FieldMap(2);
        Map<String, String> reference = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            String key = new String("k" + random.nextInt(24));
            String value = "v" + random.nextInt(100);
            switch (random.nextInt(4)) {
                case 0, 1 -> assertEquals(reference.put(key, value), map.put(key, value));
                case 2 -> assertEquals(reference.remove(key), map.remove(key));
                default -> assertEquals(reference.get(key), map.get(key));
            }
            assertEquals(reference.size(), map.size());
        }
        assertEquals(reference, map);
        assertEquals(map, reference);
        assertEquals(reference.hashCode(), map.hashCode());
        assertEquals(List.copyOf(reference.keySet()), List.copyOf(map.keySet()));
    }

    @Test
    void iteratorRemovesAndEntriesWriteThrough() {
        FieldMap map = new FieldMap();
        map.put("a", "1");
        map.put("b", "2");
        map.put("c", "3");
        Iterator<Map.Entry<String, String>> it = map.entrySet().iterator();
        it.next().setValue("one");
        it.next();
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals("c", it.next().getKey());
        assertFalse(it.hasNext());
        assertEquals(Map.of("a", "one", "c", "3"), map);
        Iterator<String> keys = map.keySet().iterator();
        keys.next();
        map.put("d", "4");
        assertThrows(ConcurrentModificationException.class, keys::next);
    }

    @Test
    void nullKeysAndValuesAndClear() {
        FieldMap map = new FieldMap();
        map.put(null, "n");
        map.put("x", null);
        assertEquals("n", map.get(null));
        assertTrue(map.containsKey("x"));
        assertNull(map.get("x"));
        map.clear();
        assertTrue(map.isEmpty());
        assertNull(map.get(null));
    }
}
