package io.carrack.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.RegisterBrokerBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A remoting client speaking to one name server, with helpers for the requests tests send. */
final class NamesrvTestClient implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 5_000;

    private final RemotingClient client = Remoting.newClient(ClientConfig.defaults());
    private final String addr;

    NamesrvTestClient(int port) {
        this.addr = "127.0.0.1:" + port;
    }

    RemotingCommand call(int code, Map<String, String> fields, byte[] body) {
        RemotingCommand request = RemotingCommand.request(code);
        fields.forEach(request::field);
        request.body(body);
        return client.invokeSync(addr, request, TIMEOUT_MILLIS);
    }

    RemotingCommand call(int code, Map<String, String> fields) {
        return call(code, fields, null);
    }

    /** Registers a broker with topics (each "name:queues:perm"), uncompressed, and returns the response. */
    RemotingCommand register(String cluster, String brokerName, long brokerId, String brokerAddr, long counter,
                             String... topics) {
        return register(cluster, brokerName, brokerId, brokerAddr, counter, false, topics);
    }

    RemotingCommand register(String cluster, String brokerName, long brokerId, String brokerAddr, long counter,
                             boolean compressed, String... topics) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.getTopicConfigSerializeWrapper().setDataVersion(new DataVersion(1_700_000_000_000L, counter));
        for (String t : topics) {
            String[] p = t.split(":");
            int queues = Integer.parseInt(p[1]);
            body.getTopicConfigSerializeWrapper().getTopicConfigTable()
                    .put(p[0], new TopicConfig(p[0], queues, queues, Integer.parseInt(p[2])));
        }
        byte[] bytes = body.encode(compressed);
        RemotingCommand response = call(RequestCode.REGISTER_BROKER, Map.of(
                "brokerName", brokerName, "brokerAddr", brokerAddr, "clusterName", cluster,
                "haServerAddr", brokerAddr.replaceAll(":\\d+$", ":10912"), "brokerId", Long.toString(brokerId),
                "compressed", Boolean.toString(compressed),
                "bodyCrc32", Integer.toString(RegisterBrokerBody.bodyCrc32(bytes))), bytes);
        assertEquals(ResponseCode.SUCCESS, response.code(), response::toString);
        return response;
    }

    /** GET_ROUTEINFO_BY_TOPIC; the body as text, or null when the answer is TOPIC_NOT_EXIST. */
    String route(String topic) {
        RemotingCommand response = call(RequestCode.GET_ROUTEINFO_BY_TOPIC, Map.of("topic", topic));
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            return null;
        }
        assertEquals(ResponseCode.SUCCESS, response.code(), response::toString);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    String bodyText(int code, Map<String, String> fields) {
        RemotingCommand response = call(code, fields);
        assertEquals(ResponseCode.SUCCESS, response.code(), response::toString);
        return response.body() == null ? null : new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Waits up to 10 s for a condition, polling. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < 2_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(5_000_000L);
        }
        fail("timed out waiting until " + what);
    }

    @Override
    public void close() {
        client.close();
    }
}
