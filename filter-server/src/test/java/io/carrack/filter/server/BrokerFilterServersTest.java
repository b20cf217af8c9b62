package io.carrack.filter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.protocol.ResponseCode;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's side: filter servers register with it (REGISTER_FILTER_SERVER) and appear in the name
 * server's route ({@code filterServerTable}); with {@code filterServerNums} the broker starts filter-server
 * processes itself, starts a new one when one dies, and stops them when it closes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerFilterServersTest {
    private static final String TOPIC = "RoutedTopic";
    private static final String SOURCE = """
            package test.filters;
            import io.carrack.filter.server.api.MessageFilter;
            import io.carrack.filter.server.api.MessageView;
            public class OddOnes implements MessageFilter {
                public boolean match(MessageView m) {
                    return Integer.parseInt(m.property("n")) % 2 == 1;
                }
            }
            """;

    @TempDir
    Path root;

    @Test
    void aFilterServerStartedByHandIsPublishedInTheRouteAndServesPulls() {
        try (InJvmCluster cluster = new InJvmCluster(root, c -> { });
             FilterServer fs = new FilterServer(FilterServerConfig.of(cluster.brokerAddr)
                     .withListen("127.0.0.1", 0).withRegisterPeriod(Duration.ofMillis(500)));
             ClassFilterClient filters = new ClassFilterClient(cluster.namesrvAddr())) {
            for (int n = 0; n < 4; n++) {
                cluster.send(TOPIC, 0, "T", String.valueOf(n), "b" + n);
            }
            fs.start();
            InJvmCluster.await("the filter server in the route", Duration.ofSeconds(30),
                    () -> servers(filters).contains(fs.address()));
            InJvmCluster.await("the broker's answer", Duration.ofSeconds(10), () -> "broker-a".equals(fs.brokerName()));
            assertEquals(List.of(fs.address()), filters.route(TOPIC).getFilterServerTable().get(cluster.brokerAddr));

            Map<String, String> registered = filters.register("odd-group", TOPIC, "test.filters.OddOnes", SOURCE);
            assertEquals(1, registered.size());
            assertNull(registered.get(fs.address()));
            ClassFilterClient.PullResult r = filters.pull(fs.address(), "odd-group", TOPIC, 0, 0, 32);
            assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
            assertEquals(List.of(1L, 3L), r.messages().stream().map(m -> m.queueOffset()).toList());
            assertEquals(4, r.nextBeginOffset());
        }
    }

    @Test
    void theBrokerStartsRestartsAndStopsFilterServerProcesses() {
        System.setProperty("carrack.filterServer.command", childCommand());
        InJvmCluster cluster = null;
        try (ClassFilterClient filters = new ClassFilterClient("127.0.0.1:1")) {
            cluster = new InJvmCluster(root, c -> c.setFilterServerNums(1));
            cluster.send(TOPIC, 0, "T", "1", "b1");
            ClassFilterClient client = new ClassFilterClient(cluster.namesrvAddr());
            try (client) {
                try {
                    InJvmCluster.await("a filter server process in the route", Duration.ofSeconds(60),
                            () -> servers(client).size() == 1);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; child log:\n" + childLog(), e);
                }
                String first = servers(client).get(0);
                assertNull(client.register("odd-group", TOPIC, "test.filters.OddOnes", SOURCE).get(first));
                ClassFilterClient.PullResult r = client.pull(first, "odd-group", TOPIC, 0, 0, 32);
                assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
                assertEquals(1, r.messages().size());

                ProcessHandle child = filterServerChildren().get(0);
                child.destroyForcibly();
                InJvmCluster.await("a new filter server process in the route", Duration.ofSeconds(60), () -> {
                    List<String> now = servers(client);
                    return now.size() == 1 && !now.get(0).equals(first);
                });
                String second = servers(client).get(0);
                assertNotEquals(first, second);
                assertFalse(child.isAlive());
                assertEquals(1, filterServerChildren().size());
                // the consumer uploads its class again to the new filter server, as it would on its next heartbeat
                assertNull(client.register("odd-group", TOPIC, "test.filters.OddOnes", SOURCE).get(second));
                assertEquals(1, client.pull(second, "odd-group", TOPIC, 0, 0, 32).messages().size());
            }
            cluster.close();
            cluster = null;
            InJvmCluster.await("filter server processes stopped with the broker", Duration.ofSeconds(30),
                    () -> filterServerChildren().isEmpty());
            assertTrue(filters != null);
        } finally {
            System.clearProperty("carrack.filterServer.command");
            if (cluster != null) {
                cluster.close();
            }
            filterServerChildren().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String childLog() {
        try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(root.resolve("broker/filtersrv"))) {
            StringBuilder sb = new StringBuilder();
            for (Path p : logs.toList()) {
                sb.append(p.getFileName()).append(":\n").append(java.nio.file.Files.readString(p));
            }
            return sb.toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The topic's filter servers on broker-a; none while the name server has no route yet. */
    private static List<String> servers(ClassFilterClient client) {
        try {
            return client.filterServers(TOPIC, "broker-a");
        } catch (ClassFilterException e) {
            return List.of();
        }
    }

    private static List<ProcessHandle> filterServerChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("FilterServerStartup")).toList();
    }

    /** This JVM's java with this test's module path (or class path), running the filter server's main. */
    private static String childCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        String main = FilterServerStartup.class.getName();
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            // surefire puts the modules the tests need on the module path and the rest (netty-resolver) on the class path
            String classPath = Optional.ofNullable(System.getProperty("java.class.path")).orElse("");
            return java + " -Xmx128m -p " + modulePath + (classPath.isBlank() ? "" : " -cp " + classPath) + " -m "
                    + FilterServerStartup.class.getModule().getName() + "/" + main + " -t 2000";
        }
        return java + " -Xmx128m -cp " + Optional.ofNullable(System.getProperty("java.class.path")).orElse("") + " "
                + main + " -t 2000";
    }
}
