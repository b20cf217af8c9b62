package io.carrack.namesrv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.TopicConfigSerializeWrapper;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Route-table rules without a network: registration, promotion, filter servers, removal. */
class RouteTableTest {
    private final RouteTable routes = new RouteTable(InstantSource.fixed(Instant.ofEpochMilli(1_000_000)));

    private static TopicConfigSerializeWrapper topics(long counter, String... names) {
        ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        for (String n : names) {
            table.put(n, new TopicConfig(n, 4, 4, 6));
        }
        return new TopicConfigSerializeWrapper(table, new DataVersion(1, counter));
    }

    private RouteTable.Outcome register(String name, long id, String addr, List<String> filters, String... topics) {
        return routes.register(new BrokerRegistration("c", addr, name, id, addr + "-ha", topics(1, topics), filters,
                null));
    }

    @Test
    void aPromotedSlaveKeepsOneEntryForItsAddress() {
        register("b", 0, "m:1", null, "T");
        register("b", 1, "s:1", null, "T");
        routes.unregister("c", "m:1", "b", 0);
        register("b", 0, "s:1", null, "T");

        assertEquals(Map.of(0L, "s:1"), routes.route("T").getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void aLateUnregisterOfAReplacedAddressLeavesTheSuccessor() {
        register("b", 0, "old:1", null, "T");
        register("b", 0, "new:1", null, "T");
        routes.unregister("c", "old:1", "b", 0);

        assertEquals("new:1", routes.route("T").getBrokerDatas().get(0).masterAddr());
    }

    @Test
    void filterServersAreRoutedAndAnEmptyListRemovesThem() {
        register("b", 0, "m:1", List.of("f:1", "f:2"), "T");
        assertEquals(Map.of("m:1", List.of("f:1", "f:2")), routes.route("T").getFilterServerTable());

        register("b", 0, "m:1", null, "T");
        assertEquals(Map.of("m:1", List.of("f:1", "f:2")), routes.route("T").getFilterServerTable());

        register("b", 0, "m:1", List.of(), "T");
        assertEquals(Map.of(), routes.route("T").getFilterServerTable());
    }

    @Test
    void topicsMissingFromALaterRegistrationStay() {
        register("b", 0, "m:1", null, "T", "U");
        routes.register(new BrokerRegistration("c", "m:1", "b", 0, "ha", topics(2, "T"), null, null));
        assertTrue(routes.allTopics().getTopicList().contains("U"));
    }

    @Test
    void routesAreCopies() {
        register("b", 0, "m:1", null, "T");
        TopicRouteData r = routes.route("T");
        r.getQueueDatas().get(0).setPerm(0);
        r.getBrokerDatas().get(0).getBrokerAddrs().clear();
        assertEquals(6, routes.route("T").getQueueDatas().get(0).getPerm());
        assertEquals(Map.of(0L, "m:1"), routes.route("T").getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void expiryUsesTheClockAndRemovesEmptyTopics() {
        AtomicLong now = new AtomicLong();
        RouteTable table = new RouteTable(() -> Instant.ofEpochMilli(now.get()));
        table.register(new BrokerRegistration("c", "a:1", "a", 0, "ha", topics(1, "T", "OnlyA"), null, null));
        table.register(new BrokerRegistration("c", "b:1", "b", 0, "ha", topics(1, "T"), null, null));
        now.set(60_000);
        table.touch("b:1");

        now.set(120_000);
        table.expire(120_000);
        assertEquals(Set.of("a:1", "b:1"), table.liveBrokerAddrs());

        now.set(120_001);
        table.expire(120_000);
        assertEquals(Set.of("b:1"), table.liveBrokerAddrs());
        assertNull(table.route("OnlyA"));
        assertEquals(List.of("b"), table.route("T").getQueueDatas().stream().map(q -> q.getBrokerName()).toList());
        assertEquals(Set.of("b"), table.clusterInfo().getClusterAddrTable().get("c"));

        now.set(180_001);
        table.expire(120_000);
        assertEquals(Set.of(), table.liveBrokerAddrs());
        assertNull(table.route("T"));
        assertEquals(Map.of(), table.clusterInfo().getClusterAddrTable());
    }

    @Test
    void unitTopicListsFollowTheSysFlag() {
        ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
        TopicConfig unit = new TopicConfig("Unit", 1, 1, 6);
        unit.setTopicSysFlag(1);
        TopicConfig unitSub = new TopicConfig("UnitSub", 1, 1, 6);
        unitSub.setTopicSysFlag(2);
        TopicConfig both = new TopicConfig("Both", 1, 1, 6);
        both.setTopicSysFlag(3);
        table.put("Unit", unit);
        table.put("UnitSub", unitSub);
        table.put("Both", both);
        table.put("Plain", new TopicConfig("Plain", 1, 1, 6));
        routes.register(new BrokerRegistration("c", "m:1", "b", 0, "ha",
                new TopicConfigSerializeWrapper(table, new DataVersion(1, 1)), null, null));

        assertEquals(Set.of("Unit", "Both"), routes.unitTopics().getTopicList());
        assertEquals(Set.of("UnitSub", "Both"), routes.unitSubTopics().getTopicList());
        assertEquals(Set.of("UnitSub"), routes.unitSubNonUnitTopics().getTopicList());
    }
}
