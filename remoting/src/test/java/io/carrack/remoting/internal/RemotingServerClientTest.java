package io.carrack.remoting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingCommandException;
import io.carrack.remoting.RemotingConnectException;
import io.carrack.remoting.RemotingTimeoutException;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.RpcHook;
import io.carrack.remoting.ServerConfig;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.SerializeType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class RemotingServerClientTest {
    static final int ECHO = 1000;
    static final int ONEWAY = 1001;
    static final int BLOCK = 1002;
    static final int FAIL = 1003;
    static final int BAD_FIELD = 1004;
    static final int REJECT = 1005;
    static final int OVERLOAD = 1006;
    static final int LATER = 1007;

    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<RemotingCommand> oneways = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object[]> later = new LinkedBlockingQueue<>();
    private ExecutorService executor;
    private ExecutorService shutDownExecutor;
    private NettyRemotingServer server;
    private NettyRemotingClient client;
    private String address;

    @BeforeEach
    void start() {
        executor = Executors.newFixedThreadPool(4);
        shutDownExecutor = Executors.newSingleThreadExecutor();
        shutDownExecutor.shutdown();
        server = new NettyRemotingServer(ServerConfig.of("127.0.0.1", 0).withListener(serverEvents));
        server.registerProcessor(ECHO, RemotingServerClientTest::echo, executor);
        server.registerProcessor(ONEWAY, (ch, req) -> {
            oneways.add(req);
            return RemotingCommand.response(ResponseCode.SUCCESS, "must never be sent");
        }, executor);
        server.registerProcessor(BLOCK, (ch, req) -> {
            release.await(5, TimeUnit.SECONDS);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor);
        server.registerProcessor(FAIL, (ch, req) -> {
            throw new IllegalStateException("boom " + req.field("why"));
        }, executor);
        server.registerProcessor(BAD_FIELD, (ch, req) -> {
            req.intField("queueId");
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor);
        server.registerProcessor(REJECT, new RequestProcessor() {
            @Override
            public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
                return RemotingCommand.response(ResponseCode.SUCCESS, null);
            }

            @Override
            public boolean rejectRequest() {
                return true;
            }
        }, executor);
        server.registerProcessor(OVERLOAD, RemotingServerClientTest::echo, shutDownExecutor);
        server.registerProcessor(LATER, (ch, req) -> {
            later.add(new Object[] {ch, req});
            return null;
        }, executor);
        server.start();
        address = "127.0.0.1:" + server.port();
        client = new NettyRemotingClient(ClientConfig.defaults().withListener(clientEvents));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.close();
        executor.shutdownNow();
    }

    private static RemotingCommand echo(RemoteChannel channel, RemotingCommand request) {
        RemotingCommand response = RemotingCommand.response(ResponseCode.SUCCESS, "echo");
        response.field("msg", request.field("msg"));
        response.field("AccessKey", request.field("AccessKey"));
        response.body(request.body());
        return response;
    }

    private static RemotingCommand echoRequest(String msg) {
        return RemotingCommand.request(ECHO).field("msg", msg).body(msg.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bindsAnEphemeralPort() {
        assertTrue(server.port() > 0);
    }

    @Test
    void syncCallGetsItsResponse() {
        RemotingCommand request = echoRequest("hi");
        RemotingCommand response = client.invokeSync(address, request, 3000);
        assertEquals(ResponseCode.SUCCESS, response.code());
        assertTrue(response.isResponse());
        assertEquals(request.opaque(), response.opaque());
        assertEquals("hi", response.field("msg"));
        assertEquals("echo", response.remark());
        assertEquals(RemotingCommand.CURRENT_VERSION, response.version());
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), response.body());
        assertEquals(SerializeType.JSON, response.serializeType());
        assertEquals(0, client.pendingCount());
    }

    @Test
    void answersInTheSerializeTypeOfTheRequest() {
        RemotingCommand response = client.invokeSync(address, echoRequest("bin").serializeType(SerializeType.ROCKETMQ),
                3000);
        assertEquals(SerializeType.ROCKETMQ, response.serializeType());
        assertEquals("bin", response.field("msg"));
        assertEquals("echo", response.remark());
    }

    @Test
    void carriesALargeBody() {
        byte[] body = new byte[4 * 1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(ECHO).body(body), 5000);
        assertArrayEquals(body, response.body());
    }

    @Test
    void asyncCallsCompleteOffTheIoThreads() throws Exception {
        List<CompletableFuture<RemotingCommand>> futures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(client.invokeAsync(address, echoRequest("m" + i), 3000));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertEquals("m" + i, futures.get(i).get(5, TimeUnit.SECONDS).field("msg"));
        }
        String thread = futures.get(0).thenApply(r -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertFalse(thread.contains("-io-"), thread);
        CompletableFuture<String> blockingContinuation = client.invokeAsync(address, echoRequest("a"), 3000)
                .thenApply(r -> client.invokeSync(address, echoRequest("b"), 3000).field("msg"));
        assertEquals("b", blockingContinuation.get(5, TimeUnit.SECONDS));
        assertEquals(0, client.pendingCount());
    }

    @Test
    void onewayIsProcessedButNeverAnswered() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            RemotingCommand oneway = RemotingCommand.request(ONEWAY).field("k", "v").markOneway();
            raw.write(oneway);
            RemotingCommand received = oneways.poll(5, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals("v", received.field("k"));
            RemotingCommand sync = echoRequest("after");
            raw.write(sync);
            RemotingCommand next = raw.read();
            assertEquals(sync.opaque(), next.opaque(), "the first frame back must answer the sync request");
            assertEquals("after", next.field("msg"));
        }
        client.invokeOneway(address, RemotingCommand.request(ONEWAY).field("k", "client"), 3000);
        assertEquals("client", oneways.poll(5, TimeUnit.SECONDS).field("k"));
        assertEquals(0, client.pendingCount());
    }

    @Test
    void syncCallTimesOutAndLeavesNothingPending() {
        assertThrows(RemotingTimeoutException.class,
                () -> client.invokeSync(address, RemotingCommand.request(BLOCK), 200));
        assertEquals(0, client.pendingCount());
    }

    @Test
    void asyncCallTimesOut() {
        CompletableFuture<RemotingCommand> f = client.invokeAsync(address, RemotingCommand.request(BLOCK), 200);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RemotingTimeoutException.class, e.getCause());
        assertEquals(0, client.pendingCount());
    }

    @Test
    void lateResponseAfterTimeoutIsDropped() throws Exception {
        RemotingCommand request = RemotingCommand.request(LATER);
        assertThrows(RemotingTimeoutException.class, () -> client.invokeSync(address, request, 100));
        Object[] held = later.poll(5, TimeUnit.SECONDS);
        ((RemoteChannel) held[0]).write(RemotingCommand.responseTo((RemotingCommand) held[1], 0, "late"));
        assertEquals("x", client.invokeSync(address, echoRequest("x"), 3000).field("msg"));
        assertEquals(0, client.pendingCount());
    }

    @Test
    void processorMayAnswerLater() throws Exception {
        RemotingCommand request = RemotingCommand.request(LATER).serializeType(SerializeType.ROCKETMQ);
        CompletableFuture<RemotingCommand> f = client.invokeAsync(address, request, 5000);
        Object[] held = later.poll(5, TimeUnit.SECONDS);
        assertNotNull(held);
        assertFalse(f.isDone());
        RemotingCommand held1 = (RemotingCommand) held[1];
        ((RemoteChannel) held[0]).write(RemotingCommand.responseTo(held1, ResponseCode.PULL_NOT_FOUND, "later"));
        RemotingCommand response = f.get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.PULL_NOT_FOUND, response.code());
        assertEquals(SerializeType.ROCKETMQ, response.serializeType());
    }

    @Test
    void unknownCodeIsNotSupported() {
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(9999), 3000);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.code());
        assertEquals(" request type 9999 not supported", response.remark());
        assertTrue(response.isResponse());
    }

    @Test
    void defaultProcessorTakesUnregisteredCodes() {
        server.registerDefaultProcessor((ch, req) -> RemotingCommand.response(ResponseCode.SUCCESS,
                "default " + req.code()), executor);
        assertEquals("default 4242", client.invokeSync(address, RemotingCommand.request(4242), 3000).remark());
        assertEquals("echo", client.invokeSync(address, echoRequest("e"), 3000).remark());
    }

    @Test
    void processorExceptionIsSystemError() {
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(FAIL).field("why", "x"), 3000);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().contains("IllegalStateException: boom x"), response.remark());
    }

    @Test
    void missingHeaderFieldIsSystemError() {
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(BAD_FIELD), 3000);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().contains(RemotingCommandException.class.getSimpleName()), response.remark());
        assertTrue(response.remark().contains("queueId"), response.remark());
    }

    @Test
    void refusedRequestIsSystemBusy() {
        RemotingCommand response = client.invokeSync(address, RemotingCommand.request(REJECT), 3000);
        assertEquals(ResponseCode.SYSTEM_BUSY, response.code());
        assertTrue(response.remark().startsWith("[REJECTREQUEST]"), response.remark());
    }

    @Test
    void fullExecutorIsSystemBusy() {
        RemotingCommand response = client.invokeSync(address, echoRequest("o").code(OVERLOAD), 3000);
        assertEquals(ResponseCode.SYSTEM_BUSY, response.code());
        assertTrue(response.remark().startsWith("[OVERLOAD]"), response.remark());
    }

    @Test
    void rpcHooksRunOnBothSides() {
        List<String> serverSaw = new CopyOnWriteArrayList<>();
        client.registerRpcHook(new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddress, RemotingCommand request) {
                request.field("AccessKey", "ak-" + remoteAddress);
            }

            @Override
            public void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
                response.field("clientAfter", "yes");
            }
        });
        server.registerRpcHook(new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddress, RemotingCommand request) {
                serverSaw.add("before " + request.field("AccessKey"));
                if ("deny".equals(request.field("msg"))) {
                    throw new SecurityException("no permission for " + remoteAddress);
                }
            }

            @Override
            public void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
                serverSaw.add("after " + response.code());
            }
        });
        RemotingCommand response = client.invokeSync(address, echoRequest("ok"), 3000);
        assertEquals("ak-" + address, response.field("AccessKey"));
        assertEquals("yes", response.field("clientAfter"));
        assertEquals(List.of("before ak-" + address, "after 0"), serverSaw);

        RemotingCommand denied = client.invokeSync(address, echoRequest("deny"), 3000);
        assertEquals(ResponseCode.SYSTEM_ERROR, denied.code());
        assertTrue(denied.remark().contains("no permission"), denied.remark());
    }

    @Test
    void serverSendsRequestsToTheClient() throws Exception {
        BlockingQueue<RemotingCommand> notified = new LinkedBlockingQueue<>();
        client.registerProcessor(221, (ch, req) -> RemotingCommand.response(ResponseCode.SUCCESS, null)
                .field("group", req.field("group")).body(new byte[] {42}), executor);
        client.registerProcessor(40, (ch, req) -> {
            notified.add(req);
            return RemotingCommand.response(ResponseCode.SUCCESS, "must never be sent");
        }, executor);
        client.invokeSync(address, echoRequest("hello"), 3000);
        Await.until("server sees the connection", () -> !serverEvents.connected.isEmpty());
        RemoteChannel toClient = serverEvents.connected.get(0);

        RemotingCommand response = toClient.invoke(RemotingCommand.request(221).field("group", "G"), 3000)
                .get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.SUCCESS, response.code());
        assertEquals("G", response.field("group"));
        assertArrayEquals(new byte[] {42}, response.body());

        toClient.invokeOneway(RemotingCommand.request(40).field("consumerGroup", "CG"));
        assertEquals("CG", notified.poll(5, TimeUnit.SECONDS).field("consumerGroup"));

        RemotingCommand unsupported = toClient.invoke(RemotingCommand.request(9998), 3000).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, unsupported.code());
    }

    @Test
    void serverRequestToClientTimesOutAndFailsOnClose() throws Exception {
        CountDownLatch clientRelease = new CountDownLatch(1);
        client.registerProcessor(307, (ch, req) -> {
            clientRelease.await(5, TimeUnit.SECONDS);
            return RemotingCommand.response(ResponseCode.SUCCESS, null);
        }, executor);
        try {
            client.invokeSync(address, echoRequest("hello"), 3000);
            Await.until("server sees the connection", () -> !serverEvents.connected.isEmpty());
            RemoteChannel toClient = serverEvents.connected.get(0);
            CompletableFuture<RemotingCommand> timedOut = toClient.invoke(RemotingCommand.request(307), 200);
            ExecutionException e = assertThrows(ExecutionException.class, () -> timedOut.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RemotingTimeoutException.class, e.getCause());

            CompletableFuture<RemotingCommand> cut = toClient.invoke(RemotingCommand.request(307), 30_000);
            client.closeChannel(address);
            e = assertThrows(ExecutionException.class, () -> cut.get(5, TimeUnit.SECONDS));
            assertInstanceOf(RemotingConnectException.class, e.getCause());
            assertFalse(toClient.isActive());
            assertThrows(RemotingConnectException.class, () -> toClient.invokeOneway(RemotingCommand.request(40)));
        } finally {
            clientRelease.countDown();
        }
    }

    @Test
    void pendingCallsFailFastWhenTheConnectionCloses() throws Exception {
        client.invokeSync(address, echoRequest("hello"), 3000);
        CompletableFuture<RemotingCommand> pending = client.invokeAsync(address, RemotingCommand.request(BLOCK),
                30_000);
        Await.until("request is pending", () -> client.pendingCount() == 1);
        serverEvents.connected.get(0).close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RemotingConnectException.class, e.getCause());
        assertEquals(0, client.pendingCount());
        // the next call opens a new connection
        assertEquals("again", client.invokeSync(address, echoRequest("again"), 3000).field("msg"));
        Await.until("two connections seen", () -> serverEvents.count("connect") == 2);
    }

    @Test
    void listenersHearConnectAndCloseOnTheirOwnThread() {
        client.invokeSync(address, echoRequest("hello"), 3000);
        client.closeChannel(address);
        Await.until("server close event", () -> serverEvents.count("close") == 1);
        Await.until("client close event", () -> clientEvents.count("close") == 1);
        assertEquals(List.of("connect", "close"), serverEvents.events);
        assertEquals(List.of("connect", "close"), clientEvents.events);
        assertTrue(serverEvents.threads.stream().allMatch(t -> t.startsWith("carrack-remoting-server-events")),
                serverEvents.threads.toString());
        assertTrue(clientEvents.threads.stream().allMatch(t -> t.startsWith("carrack-remoting-client-events")),
                clientEvents.threads.toString());
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        RecordingListener idleEvents = new RecordingListener();
        try (NettyRemotingServer idle = new NettyRemotingServer(new ServerConfig("127.0.0.1", 0, 1,
                ServerConfig.DEFAULT_MAX_FRAME_LENGTH, 1, idleEvents));
             RawConnection raw = startAndConnect(idle)) {
            Await.until("idle event", () -> idleEvents.count("idle") == 1);
            assertTrue(raw.closedByPeer());
            Await.until("close event", () -> idleEvents.count("close") == 1);
        }
    }

    private static RawConnection startAndConnect(NettyRemotingServer s) throws IOException {
        s.start();
        return new RawConnection(s.port());
    }

    @Test
    void connectFailureIsReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String dead = "127.0.0.1:" + port;
        assertThrows(RemotingConnectException.class, () -> client.invokeSync(dead, echoRequest("x"), 3000));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.invokeAsync(dead, echoRequest("x"), 3000).get(5, TimeUnit.SECONDS));
        assertInstanceOf(RemotingConnectException.class, e.getCause());
        assertThrows(RemotingConnectException.class, () -> client.invokeSync("no-port", echoRequest("x"), 3000));
        assertEquals(0, client.pendingCount());
    }

    @Test
    void closeReleasesThreadsAndRefusesNewCalls() {
        client.invokeSync(address, echoRequest("hello"), 3000);
        CompletableFuture<RemotingCommand> pending = client.invokeAsync(address, RemotingCommand.request(BLOCK),
                30_000);
        client.close();
        assertTrue(pending.isCompletedExceptionally());
        assertThrows(RemotingConnectException.class, () -> client.invokeSync(address, echoRequest("x"), 1000));
        server.close();
        Await.until("remoting threads to stop", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("carrack-remoting-")));
    }
}
