package io.carrack.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.between("abc", "abc"));
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(1, EditDistance.between("mapedFile", "mappedFile"));
        assertEquals(4, EditDistance.between("", "abcd"));
        assertEquals(0, EditDistance.between("ListenPort", "listenport"));
    }

    @Test
    void closestPicksTheSmallestDistance() {
        assertEquals("listenPort", EditDistance.closest("listenPrt", List.of("brokerName", "listenPort", "haListenPort")));
        assertNull(EditDistance.closest("x", List.of()));
    }
}
