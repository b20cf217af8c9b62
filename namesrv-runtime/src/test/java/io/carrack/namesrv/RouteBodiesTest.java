package io.carrack.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.carrack.common.message.TopicConfig;
import io.carrack.common.message.TopicFilterType;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.ClusterInfo;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.RegisterBrokerBody;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** The name-server JSON and binary bodies against the shapes the 4.9.7 jars produce (PROTOCOL.md 5). */
class RouteBodiesTest {
    private static final String REGISTER_JSON = "{\"filterServerList\":[],\"topicConfigSerializeWrapper\":{"
            + "\"dataVersion\":{\"counter\":3,\"timestamp\":1700000000000},\"topicConfigTable\":{\"TopicTest\":{"
            + "\"order\":false,\"perm\":6,\"readQueueNums\":4,\"topicFilterType\":\"SINGLE_TAG\","
            + "\"topicName\":\"TopicTest\",\"topicSysFlag\":0,\"writeQueueNums\":4}}}}";

    @Test
    void registerBodyJsonIsTheRocketMqShape() {
        RegisterBrokerBody body = RegisterBrokerBody.decode(REGISTER_JSON.getBytes(StandardCharsets.UTF_8), false);
        assertEquals(new DataVersion(1_700_000_000_000L, 3), body.getTopicConfigSerializeWrapper().getDataVersion());
        assertEquals(new TopicConfig("TopicTest", 4, 4, 6),
                body.getTopicConfigSerializeWrapper().getTopicConfigTable().get("TopicTest"));
        assertEquals(REGISTER_JSON, new String(body.encode(false), StandardCharsets.UTF_8));
    }

    @Test
    void compressedBodyIsReadFromTheDocumentedLayout() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(
                new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION)))) {
            chunk(out, "{\"counter\":9,\"timestamp\":1700000000001}");
            out.writeInt(2);
            chunk(out, "TopicTest 4 8 6 SINGLE_TAG");
            chunk(out, "%RETRY%g 1 1 6 MULTI_TAG");
            chunk(out, "[\"10.0.0.9:4000\"]");
        }

        RegisterBrokerBody body = RegisterBrokerBody.decode(bytes.toByteArray(), true);

        assertEquals(new DataVersion(1_700_000_000_001L, 9), body.getTopicConfigSerializeWrapper().getDataVersion());
        Map<String, TopicConfig> table = body.getTopicConfigSerializeWrapper().getTopicConfigTable();
        assertEquals(new TopicConfig("TopicTest", 4, 8, 6), table.get("TopicTest"));
        assertEquals(TopicFilterType.MULTI_TAG, table.get("%RETRY%g").getTopicFilterType());
        assertEquals(List.of("10.0.0.9:4000"), body.getFilterServerList());
    }

    private static void chunk(DataOutputStream out, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    @Test
    void compressedRoundTrip() {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.getTopicConfigSerializeWrapper().setDataVersion(new DataVersion(5, 6));
        for (int i = 0; i < 50; i++) {
            body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("T" + i, new TopicConfig("T" + i, i, i + 1, 6));
        }
        body.setFilterServerList(List.of("a:1", "b:2"));

        RegisterBrokerBody back = RegisterBrokerBody.decode(body.encode(true), true);

        assertEquals(body.getTopicConfigSerializeWrapper().getTopicConfigTable(),
                back.getTopicConfigSerializeWrapper().getTopicConfigTable());
        assertEquals(new DataVersion(5, 6), back.getTopicConfigSerializeWrapper().getDataVersion());
        assertEquals(List.of("a:1", "b:2"), back.getFilterServerList());
    }

    @Test
    void truncatedOrMalformedCompressedBodiesAreRefused() {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("T", new TopicConfig("T", 1, 1, 6));
        byte[] full = body.encode(true);

        assertThrows(IllegalArgumentException.class,
                () -> RegisterBrokerBody.decode(Arrays.copyOf(full, full.length / 2), true));
        assertThrows(IllegalArgumentException.class,
                () -> RegisterBrokerBody.decode("not zlib".getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void bodyCrcClearsTheSignBit() {
        // CRC-32 of "123456789" is 0xCBF43926.
        assertEquals(0x4BF43926, RegisterBrokerBody.bodyCrc32("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void fastjsonUnquotedBrokerIdKeysAreAccepted() {
        String legacy = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"192.168.0.1:10911\",1:\"192.168.0.3:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}],\"filterServerTable\":{},"
                + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,"
                + "\"writeQueueNums\":4}]}";

        TopicRouteData route = Json.fromText(legacy, TopicRouteData.class);

        BrokerData bd = route.getBrokerDatas().get(0);
        assertEquals(Map.of(0L, "192.168.0.1:10911", 1L, "192.168.0.3:10911"), bd.getBrokerAddrs());
        assertEquals(legacy.replace("{0:", "{\"0\":").replace(",1:", ",\"1\":"), Json.toText(route));
    }

    @Test
    void clusterInfoReadsBack() {
        String json = "{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"10.0.0.1:10911\"},"
                + "\"brokerName\":\"broker-a\",\"cluster\":\"c\"}},\"clusterAddrTable\":{\"c\":[\"broker-a\"]}}";
        ClusterInfo info = Json.fromText(json, ClusterInfo.class);
        assertEquals("10.0.0.1:10911", info.getBrokerAddrTable().get("broker-a").masterAddr());
        assertEquals(java.util.Set.of("broker-a"), info.getClusterAddrTable().get("c"));
    }
}
