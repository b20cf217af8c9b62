package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.SerializeType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.NettyRemotingServer;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A Carrack client talking to the 4.9.7 remoting server, both ways. */
@ExtendWith(LeakCheck.class)
class ReferenceServerTest {
    private static final int ECHO = 1000;

    private static final BlockingQueue<Channel> CHANNELS = new LinkedBlockingQueue<>();
    private static ExecutorService executor;
    private static NettyRemotingServer reference;
    private static NettyRemotingClient client;
    private static String address;

    /** One reference server for all cases: its start (TLS set-up) and graceful stop take seconds. */
    @BeforeAll
    static void start() {
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;
        executor = Executors.newFixedThreadPool(2);
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        reference = new NettyRemotingServer(config);
        reference.registerProcessor(ECHO, new NettyRequestProcessor() {
            @Override
            public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(ChannelHandlerContext ctx,
                    org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
                CHANNELS.add(ctx.channel());
                org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(0, "ref");
                response.addExtField("topic", request.getExtFields().get("topic"));
                response.setBody(request.getBody());
                return response;
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        }, executor);
        reference.start();
        address = "127.0.0.1:" + reference.localListenPort();
        client = new NettyRemotingClient(ClientConfig.defaults());
        client.registerProcessor(221, (ch, req) -> RemotingCommand.response(ResponseCode.SUCCESS, "from client")
                .field("group", req.field("group")), executor);
    }

    @AfterAll
    static void stop() {
        client.close();
        reference.shutdown();
        executor.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void callsAndIsCalledBack(SerializeType type) throws Exception {
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(ECHO).serializeType(type)
                .field("topic", "T").body(new byte[] {1}), 3000);
        assertEquals(0, response.code());
        assertEquals("ref", response.remark());
        assertEquals("T", response.field("topic"));
        assertArrayEquals(new byte[] {1}, response.body());
        assertEquals(type, response.serializeType());

        Channel toClient = CHANNELS.poll(5, TimeUnit.SECONDS);
        assertNotNull(toClient);
        org.apache.rocketmq.remoting.protocol.RemotingCommand request =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(221, null);
        request.setSerializeTypeCurrentRPC(org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name()));
        request.addExtField("group", "G");
        org.apache.rocketmq.remoting.protocol.RemotingCommand answer = reference.invokeSync(toClient, request, 3000);
        assertEquals(ResponseCode.SUCCESS, answer.getCode());
        assertEquals("from client", answer.getRemark());
        assertEquals("G", answer.getExtFields().get("group"));
        assertEquals(type.name(), answer.getSerializeTypeCurrentRPC().name());
    }
}
