package io.carrack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.broker.internal.config.BrokerConfigBinding;
import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigException;
import io.carrack.common.config.ConfigWarning;
import io.carrack.spi.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
    @TempDir
    Path dir;

    @Test
    void rocketMqKeysAliasesAndStoreSectionBind() {
        Properties p = new Properties();
        p.setProperty("brokerClusterName", "C1");
        p.setProperty("brokerName", "b1");
        p.setProperty("brokerId", "0");
        p.setProperty("deleteWhen", "04");
        p.setProperty("fileReservedTime", "48");
        p.setProperty("brokerRole", "ASYNC_MASTER");
        p.setProperty("flushDiskType", "SYNC_FLUSH");
        p.setProperty("mapedFileSizeCommitLog", "1048576");
        p.setProperty("mapedFileSizeConsumeQueue", "60000");
        p.setProperty("storeType", "jdbc");
        p.setProperty("store.jdbc.url", "jdbc:h2:mem:x");
        p.setProperty("store.mmap.ignored", "1");
        p.setProperty("brokerNmae", "typo");
        BrokerConfig c = new BrokerConfig();
        BindResult r = BrokerConfigBinding.bind(c, p);
        assertEquals("C1", c.getBrokerClusterName());
        assertEquals(48, c.getFileReservedTime());
        assertEquals(BrokerConfig.FlushDiskType.SYNC_FLUSH, c.getFlushDiskType());
        assertEquals(1048576, c.getMappedFileSizeCommitLog());
        assertEquals(60000, c.getMappedFileSizeConsumeQueue());
        assertEquals(Map.of("url", "jdbc:h2:mem:x"), c.getStoreProperties());
        assertEquals(2, r.warnings().size(), () -> "warnings " + r.warnings());
        assertEquals("brokerName", r.warnings().get(0).closestKey());
        assertEquals("store.mmap.ignored", r.warnings().get(1).key());
        assertTrue(r.warnings().get(1).message().contains("storeType=jdbc"), r.warnings().get(1).message());
    }

    @Test
    void misspeltStoreKeyIsAWarningNamingTheClosestKeyTheStoreReads() {
        Properties p = new Properties();
        p.setProperty("storeType", "mmap");
        p.setProperty("store.mmap.indexHashSlotz", "5");
        p.setProperty("store.mmap.indexMaxEntries", "7");
        BrokerConfig c = new BrokerConfig();
        BindResult r = BrokerConfigBinding.bind(c, p);
        assertEquals(1, r.warnings().size(), () -> "warnings " + r.warnings());
        ConfigWarning w = r.warnings().get(0);
        assertEquals("store.mmap.indexHashSlotz", w.key());
        assertEquals("store.mmap.indexHashSlots", w.closestKey());
        assertTrue(w.message().contains("'store.mmap.indexHashSlots'"), w.message());
        // The store still receives the key: it is reported, not removed.
        assertEquals(Map.of("indexHashSlotz", "5", "indexMaxEntries", "7"), c.getStoreProperties());
    }

    @Test
    void keysTheStoreReadsAreNotWarnedAbout() {
        Properties p = new Properties();
        p.setProperty("storeType", "mmap");
        p.setProperty("store.mmap.indexHashSlots", "5");
        p.setProperty("store.mmap.messageDelayLevel", "1s 2s");
        p.setProperty("store.mmap.storePathCommitLog", dir.resolve("cl").toString());
        BindResult r = BrokerConfigBinding.bind(new BrokerConfig(), p);
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void everyBundledStoreChecksItsKeys() {
        for (String[] typo : new String[][] {
                {"lmdb", "mapSzie", "mapSize"}, {"jdbc", "pooSize", "poolSize"},
                {"mmap", "diskFullRatoi", "diskFullRatio"}}) {
            Properties p = new Properties();
            p.setProperty("storeType", typo[0]);
            p.setProperty("store." + typo[0] + "." + typo[1], "1");
            BindResult r = BrokerConfigBinding.bind(new BrokerConfig(), p);
            assertEquals(1, r.warnings().size(), () -> typo[0] + ": " + r.warnings());
            assertEquals("store." + typo[0] + "." + typo[2], r.warnings().get(0).closestKey());
        }
    }

    @Test
    void mqbrokerPrintsTheMisspeltStoreKeyWarning() throws Exception {
        Path conf = dir.resolve("typo.conf");
        Files.writeString(conf, "storeType=mmap\nstore.mmap.indexHashSlotz=5\nstore.mmap.indexMaxEntries=7\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BrokerStartup.run(new String[] {"-c", conf.toString(), "-n", "10.0.0.1:9876", "-p"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("mqbroker: warning: unknown config key 'store.mmap.indexHashSlotz' ignored; "
                + "did you mean 'store.mmap.indexHashSlots'?"), lines);
    }

    @Test
    void badValuesNameTheKey() {
        Properties p = new Properties();
        p.setProperty("listenPort", "70000");
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfigBinding.bind(new BrokerConfig(), p));
        assertEquals("listenPort", e.key());
        Properties q = new Properties();
        q.setProperty("brokerRole", "KING");
        ConfigException e2 = assertThrows(ConfigException.class, () -> BrokerConfigBinding.bind(new BrokerConfig(), q));
        assertTrue(e2.getMessage().contains("brokerRole") && e2.getMessage().contains("SYNC_MASTER"), e2.getMessage());
        Properties d = new Properties();
        d.setProperty("messageDelayLevel", "1s 5x");
        ConfigException e3 = assertThrows(ConfigException.class, () -> BrokerConfigBinding.bind(new BrokerConfig(), d));
        assertEquals("messageDelayLevel", e3.key());
    }

    @Test
    void unknownStoreTypeFailsStartListingProviders() {
        BrokerConfig c = BrokerHarness.config(dir, "127.0.0.1:1");
        c.setNamesrvAddr(null);
        c.setStoreType("nosuch");
        try (Broker b = new Broker(c)) {
            StoreException e = assertThrows(StoreException.class, b::start);
            assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("mmap"), e.getMessage());
        }
    }

    @Test
    void startupPrintsEffectiveConfigAndRefusesBadFiles() throws Exception {
        Path conf = dir.resolve("broker.conf");
        Files.writeString(conf, "brokerName=broker-x\nstoreType=mmap\nstore.mmap.foo=bar\n"
                + "store.mmap.password=hunter2\nstore.mmap.url=x:y://h/d?user=u&password=hunter3\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BrokerStartup.run(new String[] {"-c", conf.toString(), "-n", "10.0.0.1:9876", "-p"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("brokerName=broker-x\n"), text);
        assertTrue(text.contains("namesrvAddr=10.0.0.1:9876\n"), text);
        assertTrue(text.contains("store.mmap.foo=bar\n"), text);
        assertTrue(text.contains("store.mmap.password=***\n"), text);
        assertTrue(text.contains("store.mmap.url=x:y://h/d?user=u&password=***\n"), text);
        assertTrue(!text.contains("hunter"), text);
        Files.writeString(conf, "fileReservedTime=forever\n");
        err.reset();
        status = BrokerStartup.run(new String[] {"-c", conf.toString(), "-p"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("fileReservedTime"), err.toString());
    }
}
