package io.carrack.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and configuration binding, without starting a server. */
class NamesrvStartupTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NamesrvStartup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheEffectiveConfigWithFileValuesAndDefaults() throws Exception {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=19876\nbindAddress=127.0.0.1\nkvConfigPath=" + dir.resolve("kv.json") + "\n");

        assertEquals(0, run("-c", conf.toString(), "-p"));

        String printed = out();
        assertTrue(printed.contains("listenPort=19876\n"), printed);
        assertTrue(printed.contains("bindAddress=127.0.0.1\n"), printed);
        assertTrue(printed.contains("kvConfigPath=" + dir.resolve("kv.json") + "\n"), printed);
        assertTrue(printed.contains("scanNotActiveBrokerInterval=10000\n"), printed);
        assertTrue(printed.contains("brokerChannelExpiredTime=120000\n"), printed);
        assertEquals("", err());
    }

    @Test
    void defaultsWithoutAFile() {
        assertEquals(0, run("-p"));
        assertTrue(out().contains("listenPort=9876\n"), out());
        assertTrue(out().contains("bindAddress=0.0.0.0\n"), out());
    }

    @Test
    void aBadValueStopsStartUpNamingTheKey() throws Exception {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=ninety\n");

        assertEquals(1, run("-c", conf.toString()));

        assertTrue(err().contains("listenPort"), err());
        assertTrue(err().contains("ninety"), err());
        assertEquals("", out());
    }

    @Test
    void anOutOfRangeValueStopsStartUpNamingTheKey() throws Exception {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPort=70000\n");

        assertEquals(1, run("-c", conf.toString(), "-p"));

        assertTrue(err().contains("listenPort"), err());
        assertTrue(err().contains("0 to 65535"), err());
    }

    @Test
    void anUnknownKeyIsReportedWithTheClosestKnownKey() throws Exception {
        Path conf = dir.resolve("namesrv.conf");
        Files.writeString(conf, "listenPortt=1234\n");

        assertEquals(0, run("-c", conf.toString(), "-p"));

        assertTrue(err().contains("listenPortt"), err());
        assertTrue(err().contains("did you mean 'listenPort'"), err());
        assertTrue(out().contains("listenPort=9876\n"), out());
    }

    @Test
    void aMissingFileStopsStartUp() {
        assertEquals(1, run("-c", dir.resolve("absent.conf").toString()));
        assertTrue(err().contains("absent.conf"), err());
    }

    @Test
    void unknownOptionsAndHelp() {
        assertEquals(1, run("-x"));
        assertTrue(err().contains("unknown option -x"), err());
        assertEquals(0, run("-h"));
        assertTrue(out().contains("usage: mqnamesrv"), out());
    }

    @Test
    void bindLeavesTheConfigUnchangedWhenAValueIsBad() {
        NamesrvConfig c = new NamesrvConfig();
        Properties p = new Properties();
        p.setProperty("orderMessageEnable", "true");
        p.setProperty("serverWorkerThreads", "0");

        ConfigException e = assertThrows(ConfigException.class, () -> c.bind(p));

        assertEquals("serverWorkerThreads", e.key());
        assertFalse(c.isOrderMessageEnable());
        assertEquals(NamesrvConfig.DEFAULT_SERVER_WORKER_THREADS, c.getServerWorkerThreads());
    }

    @Test
    void anInvalidConfigIsRefusedByTheNameServer() {
        NamesrvConfig c = new NamesrvConfig();
        c.setBrokerChannelExpiredTime(0);
        ConfigException e = assertThrows(ConfigException.class, () -> new NameServer(c));
        assertEquals("brokerChannelExpiredTime", e.key());
    }
}
