package io.carrack.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.alibaba.fastjson2.TypeReference;
import io.carrack.common.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final MessageQueue MQ = new MessageQueue("t", "b", 0);
    private static final String MQ_JSON = "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}";

    /** Shapes seen in RocketMQ bodies. */
    public enum Model { CLUSTERING, BROADCASTING }

    /** A body with an enum, a boolean "is" getter, a null field, number-keyed maps and a renamed property. */
    public static final class Body {
        private Model model = Model.CLUSTERING;
        private boolean orderTopic = true;
        private String absent;
        private Map<Long, String> brokerAddrs = new TreeMap<>();
        private Map<Integer, Long> offsets = new TreeMap<>();
        private long internalNameDiffers = 7;
        private Date when = new Date(1_700_000_000_000L);

        public Model getModel() {
            return model;
        }

        public void setModel(Model model) {
            this.model = model;
        }

        public boolean isOrderTopic() {
            return orderTopic;
        }

        public void setOrderTopic(boolean orderTopic) {
            this.orderTopic = orderTopic;
        }

        public String getAbsent() {
            return absent;
        }

        public void setAbsent(String absent) {
            this.absent = absent;
        }

        public Map<Long, String> getBrokerAddrs() {
            return brokerAddrs;
        }

        public void setBrokerAddrs(Map<Long, String> brokerAddrs) {
            this.brokerAddrs = brokerAddrs;
        }

        public Map<Integer, Long> getOffsets() {
            return offsets;
        }

        public void setOffsets(Map<Integer, Long> offsets) {
            this.offsets = offsets;
        }

        public long getTotalDiff() {
            return internalNameDiffers;
        }

        public void setTotalDiff(long v) {
            this.internalNameDiffers = v;
        }

        public Date getWhen() {
            return when;
        }

        public void setWhen(Date when) {
            this.when = when;
        }
    }

    /** A body with MessageQueue keys, like ResetOffsetBody and ConsumeStats. */
    public static final class QueueTable {
        private Map<MessageQueue, Long> offsetTable = new HashMap<>();
        private Map<String, Map<MessageQueue, Long>> consumerTable = new HashMap<>();

        public Map<MessageQueue, Long> getOffsetTable() {
            return offsetTable;
        }

        public void setOffsetTable(Map<MessageQueue, Long> offsetTable) {
            this.offsetTable = offsetTable;
        }

        public Map<String, Map<MessageQueue, Long>> getConsumerTable() {
            return consumerTable;
        }

        public void setConsumerTable(Map<String, Map<MessageQueue, Long>> consumerTable) {
            this.consumerTable = consumerTable;
        }
    }

    @Test
    void writesLikeFastjson1() {
        Body body = new Body();
        body.getBrokerAddrs().put(0L, "127.0.0.1:10911");
        body.getBrokerAddrs().put(1L, "127.0.0.1:10921");
        body.getOffsets().put(3, 100L);
        assertEquals("{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\",\"1\":\"127.0.0.1:10921\"},\"model\":\"CLUSTERING\","
                + "\"offsets\":{\"3\":100},\"orderTopic\":true,\"totalDiff\":7,\"when\":1700000000000}",
                Json.toText(body));
        assertEquals(Json.toText(body), new String(Json.toBytes(body), StandardCharsets.UTF_8));
    }

    @Test
    void readsUnquotedNumericKeysAndEnumNames() {
        Body body = Json.fromText("{brokerAddrs:{0:\"a:1\",1:\"b:2\"},\"model\":\"BROADCASTING\",\"offsets\":{7:9},"
                + "\"orderTopic\":false,\"unknown\":[1,{\"x\":null}],\"totalDiff\":3,\"when\":5}", Body.class);
        assertEquals(Map.of(0L, "a:1", 1L, "b:2"), body.getBrokerAddrs());
        assertEquals(Map.of(7, 9L), body.getOffsets());
        assertEquals(Model.BROADCASTING, body.getModel());
        assertFalse(body.isOrderTopic());
        assertEquals(3, body.getTotalDiff());
        assertEquals(5L, body.getWhen().getTime());
        assertNull(body.getAbsent());
        Map<Long, String> quoted = Json.fromText("{\"0\":\"a\"}", new TypeReference<Map<Long, String>>() { }.getType());
        assertEquals(Map.of(0L, "a"), quoted);
    }

    @Test
    void writesMessageQueueAndItsKeysAsObjects() {
        assertEquals(MQ_JSON, Json.toText(MQ));
        QueueTable table = new QueueTable();
        table.getOffsetTable().put(MQ, 5L);
        assertEquals("{\"consumerTable\":{},\"offsetTable\":{" + MQ_JSON + ":5}}", Json.toText(table));
    }

    @Test
    void readsMessageQueueKeysInBothForms() {
        String objectKeys = "{\"offsetTable\":{" + MQ_JSON + ":5},\"consumerTable\":{\"c1\":{" + MQ_JSON + ":6}}}";
        String quoted = "\"" + MQ_JSON.replace("\"", "\\\"") + "\"";
        String stringKeys = "{\"offsetTable\":{" + quoted + ":5},\"consumerTable\":{\"c1\":{" + quoted + ":6}}}";
        for (String json : List.of(objectKeys, stringKeys)) {
            QueueTable table = Json.fromText(json, QueueTable.class);
            assertEquals(Map.of(MQ, 5L), table.getOffsetTable(), json);
            assertEquals(Map.of("c1", Map.of(MQ, 6L)), table.getConsumerTable(), json);
            QueueTable fromBytes = Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), QueueTable.class);
            assertEquals(table.getOffsetTable(), fromBytes.getOffsetTable());
        }
        Map<MessageQueue, Long> generic = Json.fromBytes(("{" + quoted + ":1}").getBytes(StandardCharsets.UTF_8),
                new TypeReference<Map<MessageQueue, Long>>() { });
        assertEquals(Map.of(MQ, 1L), generic);
    }

    @Test
    void roundTripsMessageQueueTables() {
        QueueTable table = new QueueTable();
        for (int i = 0; i < 4; i++) {
            table.getOffsetTable().put(new MessageQueue("topic \"q\"", "broker-" + i, i), 1000L * i);
        }
        QueueTable back = Json.fromText(Json.toText(table), QueueTable.class);
        assertEquals(table.getOffsetTable(), back.getOffsetTable());
        assertEquals(new MessageQueue("x", "y", 2), Json.fromText("{\"topic\":\"x\",\"queueId\":2,\"brokerName\":\"y\"}",
                MessageQueue.class));
    }
}
