package io.carrack.broker.internal.filtersrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterServerTableTest {
    @Test
    void registrationsAreListedAndExpireAfterSilence() {
        FilterServerTable t = new FilterServerTable();
        assertTrue(t.register("10.0.0.2:4000", null, 1_000));
        assertTrue(t.register("10.0.0.1:4000", null, 5_000));
        assertFalse(t.register("10.0.0.2:4000", null, 20_000), "a renewal is not new");
        assertEquals(List.of("10.0.0.1:4000", "10.0.0.2:4000"), t.addresses());

        assertEquals(List.of(), t.expire(30_000, FilterServerSupport.EXPIRY_MILLIS));
        assertEquals(List.of("10.0.0.1:4000"), t.expire(35_001, FilterServerSupport.EXPIRY_MILLIS));
        assertEquals(List.of("10.0.0.2:4000"), t.addresses());
        assertEquals(1, t.size());
    }
}
