package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.ServerConfig;
import io.carrack.remoting.protocol.ResponseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad bytes close the connection that sent them, are logged with its address, and hurt nobody else. */
@ExtendWith(LeakCheck.class)
class HostileInputTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int ECHO = 1000;

    private final RecordingListener events = new RecordingListener();
    private LogCapture logs;
    private ExecutorService executor;
    private NettyRemotingServer server;
    private NettyRemotingClient client;

    @BeforeEach
    void start() {
        logs = LogCapture.attach(CommandHandler.class);
        executor = Executors.newSingleThreadExecutor();
        server = new NettyRemotingServer(ServerConfig.of("127.0.0.1", 0).withMaxFrameLength(MAX_FRAME)
                .withListener(events));
        server.registerProcessor(ECHO, (ch, req) -> RemotingCommand.response(ResponseCode.SUCCESS, req.field("m")),
                executor);
        server.start();
        client = new NettyRemotingClient(ClientConfig.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        executor.shutdownNow();
        logs.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oversized length", "negative length", "too small length", "header longer than frame",
        "garbage header", "unknown serialize type", "rocketmq header lengths past its end", "header without code"})
    void badFrameClosesOnlyThatConnection(String kind) throws Exception {
        try (RawConnection good = new RawConnection(server.port());
             RawConnection bad = new RawConnection(server.port())) {
            RemotingCommand first = RemotingCommand.request(ECHO).field("m", "before");
            good.write(first);
            assertEquals("before", good.read().remark());

            bad.write(hostileBytes(kind));
            assertTrue(bad.closedByPeer(), "the server must close the connection that sent " + kind);

            RemotingCommand second = RemotingCommand.request(ECHO).field("m", "after");
            good.write(second);
            RemotingCommand answer = good.read();
            assertEquals(second.opaque(), answer.opaque());
            assertEquals("after", answer.remark());
        }
        assertEquals("fresh", client.invokeSync("127.0.0.1:" + server.port(),
                RemotingCommand.request(ECHO).field("m", "fresh"), 3000).remark());
        Await.until("a WARN naming the peer", () -> logs.warnings().stream()
                .anyMatch(m -> m.contains("bad frame") && m.contains("127.0.0.1:")));
        Await.until("exception event", () -> events.count("exception") == 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 3, 100})
    void truncatedFrameThenCloseLeavesTheServerServing(int sent) throws Exception {
        try (RawConnection bad = new RawConnection(server.port())) {
            byte[] frame = CommandCodecTest.encodeFrame(RemotingCommand.request(ECHO).field("m", "x")
                    .body(new byte[500]));
            byte[] part = new byte[Math.min(sent, frame.length - 1)];
            System.arraycopy(frame, 0, part, 0, part.length);
            bad.write(part);
            bad.shutdownOutput();
            assertTrue(bad.closedByPeer());
        }
        Await.until("close event", () -> events.count("close") == 1);
        assertEquals("ok", client.invokeSync("127.0.0.1:" + server.port(),
                RemotingCommand.request(ECHO).field("m", "ok"), 3000).remark());
    }

    @Test
    void responseOnAnotherConnectionDoesNotCompleteTheCall() throws Exception {
        try (RawConnection a = new RawConnection(server.port()); RawConnection b = new RawConnection(server.port())) {
            Await.until("both connections seen", () -> events.connected.size() == 2);
            RemoteChannel toA = events.connected.stream()
                    .filter(c -> c.remoteAddress().getPort() == a.localPort()).findFirst().orElseThrow();
            CompletableFuture<RemotingCommand> call = toA.invoke(RemotingCommand.request(221), 5000);
            RemotingCommand request = a.read();
            assertEquals(221, request.code());

            b.write(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, "forged"));
            RemotingCommand echo = RemotingCommand.request(ECHO).field("m", "sync");
            b.write(echo);
            assertEquals("sync", b.read().remark());
            assertFalse(call.isDone(), "a response on another connection must not complete the call");

            a.write(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, "genuine"));
            assertEquals("genuine", call.get(5, TimeUnit.SECONDS).remark());
        }
    }

    private static byte[] hostileBytes(String kind) {
        ByteBuf buf = Unpooled.buffer();
        try {
            switch (kind) {
                case "oversized length" -> buf.writeInt(MAX_FRAME).writeZero(64);
                case "negative length" -> buf.writeInt(-5).writeZero(64);
                case "too small length" -> buf.writeInt(2).writeShort(1);
                case "header longer than frame" -> buf.writeInt(12).writeInt(100).writeLong(0);
                case "garbage header" -> {
                    byte[] junk = "hello, not json".getBytes(StandardCharsets.UTF_8);
                    buf.writeInt(4 + junk.length).writeInt(junk.length).writeBytes(junk);
                }
                case "unknown serialize type" -> {
                    byte[] h = "{\"code\":1000}".getBytes(StandardCharsets.UTF_8);
                    buf.writeInt(4 + h.length).writeInt(0x07000000 | h.length).writeBytes(h);
                }
                case "rocketmq header lengths past its end" -> buf.writeBytes(ByteBufUtil.decodeHexDump(
                        "00000019" + "01000015" + "03E8" + "00" + "0197" + "00000001" + "00000000" + "7FFFFFFF"
                        + "00000000"));
                case "header without code" -> {
                    byte[] h = "{\"flag\":0,\"opaque\":3}".getBytes(StandardCharsets.UTF_8);
                    buf.writeInt(4 + h.length).writeInt(h.length).writeBytes(h);
                }
                default -> throw new IllegalArgumentException(kind);
            }
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
