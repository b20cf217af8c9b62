package io.carrack.filter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.StoredMessage;
import io.carrack.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter server in front of an in-JVM broker: registration of filter classes over the wire, pulls
 * through the filter server returning only matches with offsets that move past filtered messages,
 * and hostile filters disabled or refused while an honest one and the broker keep working.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FilterServerIntegrationTest {
    private static final String TOPIC = "FilterTopic";
    private static final int QUEUE = 1;
    private static final int COUNT = 20;
    private static final String HONEST = """
            package test.filters;
            import io.carrack.filter.server.api.MessageFilter;
            import io.carrack.filter.server.api.MessageView;
            public class EvenBigOnes implements MessageFilter {
                public boolean match(MessageView m) {
                    int n = Integer.parseInt(m.property("n"));
                    return n >= 5 && n % 2 == 0 && m.bodyAsString().startsWith("body-");
                }
            }
            """;

    @TempDir
    static Path root;
    private static InJvmCluster cluster;
    private static FilterServer filterServer;
    private static ClassFilterClient filters;

    @BeforeAll
    static void start() {
        cluster = new InJvmCluster(root, c -> { });
        filterServer = new FilterServer(FilterServerConfig.of(cluster.brokerAddr).withListen("127.0.0.1", 0)
                .withMatchBudget(Duration.ofMillis(1000)).withRegisterPeriod(Duration.ofSeconds(1)));
        filterServer.start();
        filters = new ClassFilterClient(cluster.namesrvAddr());
        for (int n = 0; n < COUNT; n++) {
            assertEquals(n, cluster.send(TOPIC, QUEUE, "Tag" + (n % 3), String.valueOf(n), "body-" + n));
        }
        filters.registerAt(filterServer.address(), "honest-group", TOPIC, "test.filters.EvenBigOnes", HONEST);
    }

    @AfterAll
    static void stop() {
        if (filters != null) {
            filters.close();
        }
        if (filterServer != null) {
            filterServer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<Integer> numbers(List<StoredMessage> messages) {
        List<Integer> out = new ArrayList<>();
        for (StoredMessage m : messages) {
            out.add(Integer.parseInt(m.properties().get("n")));
            assertEquals("body-" + m.properties().get("n"), new String(m.body(), StandardCharsets.UTF_8));
            assertEquals(m.queueOffset(), Long.parseLong(m.properties().get("n")), "queue offset kept");
        }
        return out;
    }

    @Test
    void onePullReturnsOnlyMatchesAndMovesPastEverythingExamined() {
        ClassFilterClient.PullResult r = filters.pull(filterServer.address(), "honest-group", TOPIC, QUEUE, 0, 32);
        assertEquals(ResponseCode.SUCCESS, r.code(), r.remark());
        assertEquals(List.of(6, 8, 10, 12, 14, 16, 18), numbers(r.messages()));
        assertEquals(COUNT, r.nextBeginOffset());
        assertEquals(COUNT, r.maxOffset());
        assertEquals(0, r.minOffset());

        ClassFilterClient.PullResult end = filters.pull(filterServer.address(), "honest-group", TOPIC, QUEUE, COUNT, 32);
        assertEquals(ResponseCode.PULL_NOT_FOUND, end.code());
        assertEquals(COUNT, end.nextBeginOffset());
    }

    @Test
    void smallPullsWithNoMatchAnswerRetryImmediatelyAndStillAdvance() {
        ClassFilterClient.PullResult first = filters.pull(filterServer.address(), "honest-group", TOPIC, QUEUE, 0, 3);
        assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, first.code(), "offsets 0..2 hold no match");
        assertTrue(first.messages().isEmpty());
        assertEquals(3, first.nextBeginOffset());

        List<Integer> all = new ArrayList<>();
        long offset = 0;
        for (int pulls = 0; pulls < 50 && offset < COUNT; pulls++) {
            ClassFilterClient.PullResult r = filters.pull(filterServer.address(), "honest-group", TOPIC, QUEUE, offset,
                    3);
            assertTrue(r.code() == ResponseCode.SUCCESS || r.code() == ResponseCode.PULL_RETRY_IMMEDIATELY, r.remark());
            assertTrue(r.nextBeginOffset() > offset, "next offset must advance past filtered messages");
            all.addAll(numbers(r.messages()));
            offset = r.nextBeginOffset();
        }
        assertEquals(COUNT, offset);
        assertEquals(List.of(6, 8, 10, 12, 14, 16, 18), all);
    }

    @Test
    void hostileFiltersAreRefusedOrDisabledWhileTheHonestOneAndTheBrokerKeepWorking() {
        String exit = HONEST.replace("EvenBigOnes", "Exit").replace("int n =", "System.exit(3); int n =");
        ClassFilterException refused = assertThrows(ClassFilterException.class, () -> filters.registerAt(
                filterServer.address(), "exit-group", TOPIC, "test.filters.Exit", exit));
        assertTrue(refused.getMessage().contains("System.exit"), refused.getMessage());
        ClassFilterException notUsable = assertThrows(ClassFilterException.class,
                () -> filters.pull(filterServer.address(), "exit-group", TOPIC, QUEUE, 0, 32));
        assertTrue(notUsable.getMessage().contains("System.exit"), notUsable.getMessage());

        String loop = HONEST.replace("EvenBigOnes", "Loop").replace("int n =", "while (m != null) { } int n =");
        filters.registerAt(filterServer.address(), "loop-group", TOPIC, "test.filters.Loop", loop);
        ClassFilterException disabled = assertThrows(ClassFilterException.class,
                () -> filters.pull(filterServer.address(), "loop-group", TOPIC, QUEUE, 0, 32));
        assertTrue(disabled.getMessage().contains("disabled") && disabled.getMessage().contains("took longer than"),
                disabled.getMessage());

        String bomb = HONEST.replace("EvenBigOnes", "Bomb").replace("int n =", "long[] a = new long[Integer.MAX_VALUE];"
                + " int n = a.length +");
        filters.registerAt(filterServer.address(), "bomb-group", TOPIC, "test.filters.Bomb", bomb);
        ClassFilterException oom = assertThrows(ClassFilterException.class,
                () -> filters.pull(filterServer.address(), "bomb-group", TOPIC, QUEUE, 0, 32));
        assertTrue(oom.getMessage().contains("ran out of memory"), oom.getMessage());

        ClassFilterClient.PullResult honest = filters.pull(filterServer.address(), "honest-group", TOPIC, QUEUE, 0, 32);
        assertEquals(List.of(6, 8, 10, 12, 14, 16, 18), numbers(honest.messages()));
        assertEquals(ResponseCode.SUCCESS, cluster.pullFromBroker("plain-group", TOPIC, QUEUE, 0).code(),
                "the broker itself is untouched");
    }

    @Test
    void aGroupWithoutAFilterClassIsTold() {
        ClassFilterException e = assertThrows(ClassFilterException.class,
                () -> filters.pull(filterServer.address(), "nobody", TOPIC, QUEUE, 0, 32));
        assertTrue(e.getMessage().contains("no filter class registered for consumer group nobody"), e.getMessage());
        assertFalse(filterServer.address().isEmpty());
    }
}
