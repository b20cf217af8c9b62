package io.carrack.filter.server;

import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The consumer's side of class filtering by hand, for tests and diagnostics (applications use the Carrack
 * client's {@code Selector.classFilter} or RocketMQ's {@code subscribe(topic, fullClassName, source)}):
 * finds a topic's filter servers in the name server's route
 * ({@code filterServerTable}), uploads a filter class to them (REGISTER_MESSAGE_FILTER_CLASS, 302) and
 * pulls a queue through one (PULL_MESSAGE with the CLASS_FILTER bit), the way the RocketMQ 4.x client
 * does for {@code subscribe(topic, fullClassName, filterClassSource)}.
 *
 * <pre>{@code
 * try (ClassFilterClient filters = new ClassFilterClient("127.0.0.1:9876")) {
 *     filters.register("my-group", "Orders", "com.example.BigOrders", source);
 *     String fs = filters.filterServers("Orders", "broker-a").get(0);
 *     ClassFilterClient.PullResult r = filters.pull(fs, "my-group", "Orders", 0, offset, 32);
 *     offset = r.nextBeginOffset();
 * }
 * }</pre>
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ClassFilterClient implements AutoCloseable {
    /** PULL_MESSAGE sysFlag: COMMIT_OFFSET 0x1, SUSPEND 0x2, SUBSCRIPTION 0x4, CLASS_FILTER 0x8. */
    private static final int SYS_FLAG_CLASS_FILTER = 0x8;
    private static final long TIMEOUT_MILLIS = 10_000;

    private final String namesrvAddr;
    private final RemotingClient client;

    /** A helper with its own connections, using one name server ({@code host:port}). */
    public ClassFilterClient(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
        this.client = Remoting.newClient(ClientConfig.defaults());
    }

    /** The outcome of a pull through a filter server. */
    public record PullResult(int code, String remark, long nextBeginOffset, long minOffset, long maxOffset,
                             List<StoredMessage> messages) {
        /** Whether messages were found (code 0); 20 means none matched, 19 nothing new. */
        public boolean found() {
            return code == ResponseCode.SUCCESS;
        }
    }

    /** The route of a topic from the name server. */
    public TopicRouteData route(String topic) {
        RemotingCommand r = call(namesrvAddr, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .field("topic", topic));
        if (r.code() != ResponseCode.SUCCESS || r.body() == null) {
            throw new ClassFilterException("no route for topic " + topic + ": " + r.code() + " " + r.remark());
        }
        return Json.fromBytes(r.body(), TopicRouteData.class);
    }

    /** The filter servers of a broker (by name) serving the topic, from the name server's route. */
    public List<String> filterServers(String topic, String brokerName) {
        TopicRouteData route = route(topic);
        for (BrokerData b : route.getBrokerDatas()) {
            if (b.getBrokerName().equals(brokerName) && b.masterAddr() != null) {
                List<String> list = route.getFilterServerTable().get(b.masterAddr());
                return list == null ? List.of() : List.copyOf(list);
            }
        }
        return List.of();
    }

    /**
     * Uploads a filter class to every filter server of the topic's brokers.
     *
     * @return filter server address to null (accepted) or the reason it refused
     * @throws ClassFilterException if the topic has no filter server at all
     */
    public Map<String, String> register(String group, String topic, String className, String source) {
        TopicRouteData route = route(topic);
        Map<String, String> results = new LinkedHashMap<>();
        for (List<String> servers : route.getFilterServerTable().values()) {
            for (String fs : servers) {
                try {
                    registerAt(fs, group, topic, className, source);
                    results.put(fs, null);
                } catch (ClassFilterException e) {
                    results.put(fs, e.getMessage());
                }
            }
        }
        if (results.isEmpty()) {
            throw new ClassFilterException("topic " + topic + " has no filter server; start brokers with"
                    + " filterServerNums > 0 or run mqfiltersrv next to them");
        }
        return results;
    }

    /**
     * Uploads a filter class to one filter server.
     *
     * @throws ClassFilterException with the filter server's reason if it refused the class
     */
    public void registerAt(String filterServerAddr, String group, String topic, String className, String source) {
        byte[] body = source.getBytes(StandardCharsets.UTF_8);
        RemotingCommand r = call(filterServerAddr, RemotingCommand.request(RequestCode.REGISTER_MESSAGE_FILTER_CLASS)
                .field("consumerGroup", group).field("topic", topic).field("className", className)
                .field("classCRC", crc(body)).body(body));
        if (r.code() != ResponseCode.SUCCESS) {
            throw new ClassFilterException(r.remark() == null ? "refused with code " + r.code() : r.remark());
        }
    }

    /**
     * Pulls up to {@code maxMsgNums} messages of a queue through a filter server, without waiting for
     * new messages. SYSTEM_ERROR answers (a disabled or unregistered filter) are thrown.
     */
    public PullResult pull(String filterServerAddr, String group, String topic, int queueId, long offset,
                           int maxMsgNums) {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .field("consumerGroup", group).field("topic", topic).field("queueId", queueId)
                .field("queueOffset", offset).field("maxMsgNums", maxMsgNums).field("sysFlag", SYS_FLAG_CLASS_FILTER)
                .field("commitOffset", 0L).field("suspendTimeoutMillis", 0L).field("subscription", "*")
                .field("subVersion", 0L).field("expressionType", "TAG");
        RemotingCommand r = call(filterServerAddr, request);
        switch (r.code()) {
            case ResponseCode.SUCCESS, ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_RETRY_IMMEDIATELY,
                 ResponseCode.PULL_OFFSET_MOVED -> {
                List<StoredMessage> messages = r.code() == ResponseCode.SUCCESS && r.body() != null
                        ? StoredMessageCodec.decodeAll(ByteBuffer.wrap(r.body())) : new ArrayList<>();
                return new PullResult(r.code(), r.remark(), r.longField("nextBeginOffset", offset),
                        r.longField("minOffset", 0), r.longField("maxOffset", 0), messages);
            }
            default -> throw new ClassFilterException("pull through filter server " + filterServerAddr + " failed: "
                    + r.code() + " " + r.remark());
        }
    }

    /** {@code classCRC}: CRC32 of the UTF-8 source with the sign bit cleared. */
    public static int crc(byte[] source) {
        CRC32 crc = new CRC32();
        crc.update(source);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private RemotingCommand call(String addr, RemotingCommand request) {
        try {
            return client.invokeSync(addr, request, TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw new ClassFilterException("call to " + addr + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
