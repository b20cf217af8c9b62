package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.ServerConfig;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.SerializeType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The 4.9.7 remoting client, as the official RocketMQ client uses it, talking to a Carrack server. */
@ExtendWith(LeakCheck.class)
class ReferenceClientTest {
    private static final int ECHO = 1000;
    private static final int ONEWAY = 1001;

    private final BlockingQueue<RemotingCommand> oneways = new LinkedBlockingQueue<>();
    private ExecutorService executor;
    private NettyRemotingServer server;
    private NettyRemotingClient reference;
    private String address;

    @BeforeEach
    void start() {
        executor = Executors.newFixedThreadPool(2);
        server = new NettyRemotingServer(ServerConfig.of("127.0.0.1", 0));
        server.registerProcessor(ECHO, (ch, req) -> RemotingCommand.response(ResponseCode.SUCCESS, "echo")
                .field("topic", req.field("topic")).field("type", req.serializeType().name()).body(req.body()),
                executor);
        server.registerProcessor(ONEWAY, (ch, req) -> {
            oneways.add(req);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor);
        server.start();
        address = "127.0.0.1:" + server.port();
        reference = new NettyRemotingClient(new NettyClientConfig());
        reference.start();
    }

    @AfterEach
    void stop() {
        reference.shutdown();
        server.close();
        executor.shutdownNow();
    }

    private static org.apache.rocketmq.remoting.protocol.RemotingCommand request(int code, SerializeType type) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand cmd =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, null);
        cmd.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name()));
        cmd.addExtField("topic", "TopicTest");
        cmd.setBody(new byte[] {5, 6, 7});
        return cmd;
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void syncOnewayAndUnknownCodes(SerializeType type) throws Exception {
        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                reference.invokeSync(address, request(ECHO, type), 3000);
        assertEquals(ResponseCode.SUCCESS, response.getCode());
        assertEquals("echo", response.getRemark());
        assertEquals("TopicTest", response.getExtFields().get("topic"));
        assertEquals(type.name(), response.getExtFields().get("type"));
        assertEquals(type.name(), response.getSerializeTypeCurrentRPC().name());
        assertEquals(RemotingCommand.CURRENT_VERSION, response.getVersion());
        assertArrayEquals(new byte[] {5, 6, 7}, response.getBody());

        reference.invokeOneway(address, request(ONEWAY, type), 3000);
        RemotingCommand oneway = oneways.poll(5, TimeUnit.SECONDS);
        assertNotNull(oneway);
        assertTrue(oneway.isOneway());
        assertEquals(type, oneway.serializeType());

        org.apache.rocketmq.remoting.protocol.RemotingCommand unknown =
                reference.invokeSync(address, request(4321, type), 3000);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unknown.getCode());
        assertEquals(" request type 4321 not supported", unknown.getRemark());
    }
}
