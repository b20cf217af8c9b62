package io.carrack.compat.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.broker.BrokerConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The harness's store selection and broker.conf binding, without starting servers. */
class HarnessConfigTest {

    private static final UnaryOperator<String> NO_PG = name -> null;
    private static final UnaryOperator<String> PG = name -> switch (name) {
        case Stores.PG_URL -> "jdbc:postgresql://127.0.0.1:5432/carrack";
        case Stores.PG_USER -> "carrack";
        case Stores.PG_PASSWORD -> "pw";
        default -> null;
    };

    @Test
    void defaultSelectionAddsPostgresOnlyWhenItsUrlIsSet() {
        assertEquals(List.of("mmap", "lmdb", "jdbc"), ids(Stores.selected(null, NO_PG)));
        assertEquals(List.of("mmap", "lmdb", "jdbc"), ids(Stores.selected("default", NO_PG)));
        assertEquals(List.of("mmap", "lmdb", "jdbc", "jdbc-pg"), ids(Stores.selected("", PG)));
        assertEquals(List.of("jdbc-pg", "mmap"), ids(Stores.selected(" jdbc-pg , mmap,jdbc-pg", NO_PG)));
        assertThrows(IllegalStateException.class, () -> Stores.selected(" , ", NO_PG));
    }

    @Test
    void postgresWithoutItsUrlIsUnavailableWithTheReason() {
        Stores.Store pg = Stores.store("jdbc-pg");
        assertEquals("jdbc", pg.storeType());
        String reason = pg.unavailableReason(NO_PG).orElseThrow();
        assertTrue(reason.contains("CARRACK_PG_URL") && reason.contains("bin/with-postgres"), reason);
        assertThrows(IllegalStateException.class, () -> pg.brokerProperties(NO_PG));
        assertTrue(Stores.store("mmap").unavailableReason(NO_PG).isEmpty());
    }

    @Test
    void postgresPropertiesNameTheDatabaseAndANewSchemaEachTime() {
        Stores.Store pg = Stores.store("jdbc-pg");
        Properties first = pg.brokerProperties(PG);
        Properties second = pg.brokerProperties(PG);
        assertEquals("jdbc", first.getProperty("storeType"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/carrack", first.getProperty("store.jdbc.url"));
        assertEquals("carrack", first.getProperty("store.jdbc.user"));
        assertEquals("pw", first.getProperty("store.jdbc.password"));
        assertTrue(first.getProperty("store.jdbc.schema").matches("[a-z_][a-z0-9_]{0,62}"),
                first.getProperty("store.jdbc.schema"));
        assertTrue(!first.getProperty("store.jdbc.schema").equals(second.getProperty("store.jdbc.schema")));
        Properties mmap = Stores.store("mmap").brokerProperties(NO_PG);
        assertEquals(Map.of("storeType", "mmap"), Map.copyOf(mmap));
    }

    @Test
    void bindingPassesTheStoresKeysAndRefusesOthers() {
        Properties p = new Properties();
        p.setProperty("brokerName", "b");
        p.setProperty("storeType", "jdbc");
        p.setProperty("store.jdbc.url", "jdbc:postgresql://h/d");
        p.setProperty("store.jdbc.schema", "s1");
        BrokerConfig config = EmbeddedServers.bind(p);
        assertEquals(Map.of("url", "jdbc:postgresql://h/d", "schema", "s1"), config.getStoreProperties());

        p.setProperty("store.lmdb.mapSize", "1g");
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> EmbeddedServers.bind(p));
        assertTrue(other.getMessage().contains("store.lmdb.mapSize"), other.getMessage());
        p.remove("store.lmdb.mapSize");
        p.setProperty("brokerNmae", "typo");
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> EmbeddedServers.bind(p));
        assertTrue(unknown.getMessage().contains("brokerNmae"), unknown.getMessage());
    }

    private static List<String> ids(List<Stores.Store> stores) {
        return stores.stream().map(Stores.Store::id).toList();
    }
}
