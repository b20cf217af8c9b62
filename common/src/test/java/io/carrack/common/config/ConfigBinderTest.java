package io.carrack.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBinderTest {
    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void bindsEverySupportedTypeAndTrimsValues() {
        SampleConfig c = new SampleConfig();
        BindResult r = ConfigBinder.of(c).bind(props(
                "brokerName", "  broker-b  ",
                "listenPort", " 10921\t",
                "maxOffset", "9000000000",
                "autoCreateTopicEnable", "FALSE",
                "diskMaxUsedRatio", "0.9",
                "flushDiskType", "SYNC_FLUSH",
                "boxedCount", "7",
                "writeOnly", "3"));
        assertEquals("broker-b", c.getBrokerName());
        assertEquals(10921, c.getListenPort());
        assertEquals(9_000_000_000L, c.getMaxOffset());
        assertFalse(c.isAutoCreateTopicEnable());
        assertEquals(0.9, c.getDiskMaxUsedRatio());
        assertEquals(SampleConfig.FlushDiskType.SYNC_FLUSH, c.getFlushDiskType());
        assertEquals(7, c.getBoxedCount());
        assertEquals(3, c.writeOnlyValue());
        assertEquals(List.of(), r.warnings());
        assertEquals(Set.of("brokerName", "listenPort", "maxOffset", "autoCreateTopicEnable", "diskMaxUsedRatio",
                "flushDiskType", "boxedCount", "writeOnly"), r.boundKeys());
    }

    @Test
    void knowsOnlyPublicInstanceSettersOfSupportedTypes() {
        Set<String> keys = ConfigBinder.of(new SampleConfig()).keys();
        assertTrue(keys.contains("listenPort"));
        assertTrue(keys.contains("writeOnly"));
        assertFalse(keys.contains("somethingComplex"));
        assertFalse(keys.contains("staticThing"));
    }

    @Test
    void enumNamesMatchIgnoringCase() {
        SampleConfig c = new SampleConfig();
        ConfigBinder.of(c).bind(props("flushDiskType", "sync_flush"));
        assertEquals(SampleConfig.FlushDiskType.SYNC_FLUSH, c.getFlushDiskType());
    }

    @Test
    void rocketMqHistoricalSpellingsAreAliases() {
        SampleConfig c = new SampleConfig();
        ConfigBinder binder = ConfigBinder.builder().bean(c)
                .alias("mapedFileSizeConsumeQueue", "mappedFileSizeConsumeQueue").build();
        BindResult r = binder.bind(props("mapedFileSizeCommitLog", "1048576", "mapedFileSizeConsumeQueue", "6000"));
        assertEquals(1_048_576, c.getMappedFileSizeCommitLog());
        assertEquals(6000, c.getMappedFileSizeConsumeQueue());
        assertEquals(List.of(), r.warnings());
        assertEquals(Set.of("mappedFileSizeCommitLog", "mappedFileSizeConsumeQueue"), r.boundKeys());
        assertEquals("mappedFileSizeCommitLog", binder.aliases().get("mapedFileSizeCommitLog"));
    }

    @Test
    void canonicalSpellingWinsOverAliasWithAWarning() {
        SampleConfig c = new SampleConfig();
        BindResult r = ConfigBinder.of(c).bind(props("mapedFileSizeCommitLog", "1", "mappedFileSizeCommitLog", "2"));
        assertEquals(2, c.getMappedFileSizeCommitLog());
        assertEquals(1, r.warnings().size());
        assertEquals("mapedFileSizeCommitLog", r.warnings().get(0).key());
        assertEquals("mappedFileSizeCommitLog", r.warnings().get(0).closestKey());
    }

    @Test
    void unknownKeyIsAWarningNamingTheClosestKey() {
        SampleConfig c = new SampleConfig();
        BindResult r = ConfigBinder.of(c).bind(props("listenPrt", "1", "brokerNmae", "x", "listenPort", "2"));
        assertEquals(2, c.getListenPort());
        assertEquals("broker-a", c.getBrokerName());
        assertEquals(2, r.warnings().size());
        ConfigWarning w0 = r.warnings().get(0);
        assertEquals("brokerNmae", w0.key());
        assertEquals("brokerName", w0.closestKey());
        ConfigWarning w1 = r.warnings().get(1);
        assertEquals("listenPrt", w1.key());
        assertEquals("listenPort", w1.closestKey());
        assertTrue(w1.message().contains("listenPrt") && w1.message().contains("listenPort"), w1.message());
    }

    @Test
    void misspeltAliasSuggestsTheCanonicalKey() {
        BindResult r = ConfigBinder.of(new SampleConfig()).bind(props("mapedFileSizeComitLog", "1"));
        assertEquals("mappedFileSizeCommitLog", r.warnings().get(0).closestKey());
    }

    @Test
    void badIntegerNamesKeyValueAndAcceptedValues() {
        SampleConfig c = new SampleConfig();
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(c).bind(props("listenPort", "ten", "brokerName", "changed")));
        assertEquals("listenPort", e.key());
        assertTrue(e.getMessage().contains("'ten'") && e.getMessage().contains("an integer"), e.getMessage());
        assertEquals("broker-a", c.getBrokerName(), "nothing is set when a value is bad");
    }

    @Test
    void integerOverflowIsABadValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("listenPort", "3000000000")));
        assertEquals("listenPort", e.key());
    }

    @Test
    void badBooleanIsNotSilentlyFalse() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("autoCreateTopicEnable", "yes")));
        assertEquals("autoCreateTopicEnable", e.key());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void badEnumListsTheNames() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("flushDiskType", "SOMETIMES")));
        assertEquals("flushDiskType", e.key());
        assertTrue(e.getMessage().contains("SYNC_FLUSH, ASYNC_FLUSH") && e.getMessage().contains("SOMETIMES"),
                e.getMessage());
    }

    @Test
    void badDoubleAndLongAreReported() {
        assertEquals("diskMaxUsedRatio", assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("diskMaxUsedRatio", "NaN"))).key());
        assertEquals("maxOffset", assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("maxOffset", "1.5"))).key());
    }

    @Test
    void badValueUnderAnAliasNamesTheAlias() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("mapedFileSizeCommitLog", "1G")));
        assertEquals("mapedFileSizeCommitLog", e.key());
    }

    @Test
    void severalBadValuesAreAllReported() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("listenPort", "x", "maxOffset", "y")));
        assertEquals("listenPort", e.key());
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void setterRejectionBecomesConfigException() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(props("positive", "-1")));
        assertEquals("positive", e.key());
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void sectionKeysAreCollectedNotUnknown() {
        ConfigBinder binder = ConfigBinder.builder().bean(new SampleConfig()).section("store.").build();
        BindResult r = binder.bind(props("store.jdbc.url", " jdbc:h2:mem:x ", "store.mmap.x", "1", "store.", "v",
                "listenPort", "1"));
        assertEquals(Map.of("jdbc.url", "jdbc:h2:mem:x", "mmap.x", "1"), r.section("store."));
        assertEquals(1, r.warnings().size(), "the bare prefix is not a section key");
        assertEquals("store.", r.warnings().get(0).key());
        assertThrows(IllegalArgumentException.class, () -> r.section("other."));
    }

    @Test
    void emptySectionIsAnEmptyMap() {
        BindResult r = ConfigBinder.builder().bean(new SampleConfig()).section("store.").build().bind(props());
        assertEquals(Map.of(), r.section("store."));
    }

    @Test
    void sharedKeyIsSetOnEveryBean() {
        SampleConfig a = new SampleConfig();
        OtherConfig b = new OtherConfig();
        BindResult r = ConfigBinder.of(a, b).bind(props("listenPort", "7000", "namesrvAddr", "127.0.0.1:9876"));
        assertEquals(7000, a.getListenPort());
        assertEquals(7000, b.getListenPort());
        assertEquals("127.0.0.1:9876", b.getNamesrvAddr());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void bindsThroughACallerLookup() {
        SampleConfig c = new SampleConfig();
        ConfigBinder binder = ConfigBinder.builder().bean(c, MethodHandles.lookup()).build();
        binder.bind(props("listenPort", "1234", "flushDiskType", "SYNC_FLUSH"));
        assertEquals(1234, c.getListenPort());
        assertEquals("1234", binder.effective().get("listenPort"));
    }

    @Test
    void expandsSystemPropertyVariables() {
        SampleConfig c = new SampleConfig();
        Map<String, String> vars = Map.of("user.home", "/home/rocket", "n", "2");
        ConfigBinder binder = ConfigBinder.builder().bean(c).variables(vars::get).build();
        binder.bind(props("brokerName", "${user.home}/store-${n}-${missing}"));
        assertEquals("/home/rocket/store-2-${missing}", c.getBrokerName());
    }

    @Test
    void defaultVariablesAreSystemProperties() {
        SampleConfig c = new SampleConfig();
        ConfigBinder.of(c).bind(props("brokerName", "${user.home}/store"));
        assertEquals(System.getProperty("user.home") + "/store", c.getBrokerName());
    }

    @Test
    void bindsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# comment\nbrokerName = bröker-x\nlistenPort=10999\n\nstore.lmdb.mapSize=1G\n",
                StandardCharsets.UTF_8);
        SampleConfig c = new SampleConfig();
        BindResult r = ConfigBinder.builder().bean(c).section("store.").build().bind(file);
        assertEquals("bröker-x", c.getBrokerName());
        assertEquals(10999, c.getListenPort());
        assertEquals(Map.of("lmdb.mapSize", "1G"), r.section("store."));
    }

    @Test
    void missingFileIsAConfigException(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigBinder.of(new SampleConfig()).bind(dir.resolve("nope.conf")));
        assertNull(e.key());
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    @Test
    void describePrintsSortedEffectiveConfigurationWithSections() {
        SampleConfig c = new SampleConfig();
        ConfigBinder binder = ConfigBinder.builder().bean(c).section("store.").build();
        BindResult r = binder.bind(props("listenPort", "1", "store.jdbc.url", "u"));
        String text = binder.describe(r);
        List<String> lines = List.of(text.split("\n"));
        assertEquals(lines.stream().sorted().toList(), lines);
        assertTrue(lines.contains("listenPort=1"), text);
        assertTrue(lines.contains("flushDiskType=ASYNC_FLUSH"), text);
        assertTrue(lines.contains("boxedCount="), text);
        assertTrue(lines.contains("store.jdbc.url=u"), text);
        assertFalse(text.contains("writeOnly"), "keys without a getter are not printed");
        assertFalse(text.contains("mapedFileSize"), "aliases are not printed");
        assertEquals(binder.effective().size() + 1, lines.size());
    }

    @Test
    void aliasesMustNameKnownKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfigBinder.builder().bean(new SampleConfig()).alias("x", "nothing").build());
        assertThrows(IllegalArgumentException.class,
                () -> ConfigBinder.builder().bean(new SampleConfig()).alias("listenPort", "brokerName").build());
    }
}
