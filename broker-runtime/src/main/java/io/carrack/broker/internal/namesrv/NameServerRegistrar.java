package io.carrack.broker.internal.namesrv;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.support.NamedThreadFactory;
import io.carrack.common.message.PermName;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.RegisterBrokerBody;
import io.carrack.remoting.protocol.route.TopicConfigSerializeWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the broker and its topic table with every configured name server (REGISTER_BROKER, 103)
 * in parallel, and unregisters it on shutdown (104), PROTOCOL.md section 5.7 and 15.1.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class NameServerRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NameServerRegistrar.class);

    private final BrokerContext ctx;
    private final RemotingClient client;
    private final ExecutorService background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(16), new NamedThreadFactory("register", true),
            new ThreadPoolExecutor.DiscardPolicy());
    private volatile java.util.function.Supplier<List<String>> filterServers = List::of;

    public NameServerRegistrar(BrokerContext ctx, RemotingClient client) {
        this.ctx = ctx;
        this.client = client;
    }

    /** Where REGISTER_BROKER's {@code filterServerList} comes from (empty by default). */
    public void filterServers(java.util.function.Supplier<List<String>> source) {
        this.filterServers = source;
    }

    /** Registers in the background (after an auto-created topic). */
    public void registerAsync() {
        background.execute(this::registerAll);
    }

    /**
     * Registers with every name server and waits for the answers (bounded by
     * {@code registerBrokerTimeoutMills}); failures are logged.
     *
     * @return how many name servers accepted the registration
     */
    public int registerAll() {
        List<String> addrs = ctx.config().namesrvAddrList();
        if (addrs.isEmpty()) {
            return 0;
        }
        byte[] body = body();
        long timeout = ctx.config().getRegisterBrokerTimeoutMills();
        List<CompletableFuture<RemotingCommand>> calls = new ArrayList<>();
        for (String addr : addrs) {
            calls.add(invoke(addr, registerRequest(body), timeout));
        }
        int ok = 0;
        for (int i = 0; i < calls.size(); i++) {
            try {
                RemotingCommand r = calls.get(i).get(timeout + 500, TimeUnit.MILLISECONDS);
                if (r.code() == ResponseCode.SUCCESS) {
                    ok++;
                } else {
                    LOG.warn("name server {} refused registration: {} {}", addrs.get(i), r.code(), r.remark());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("cannot register with name server {}: {}", addrs.get(i), String.valueOf(e.getCause() != null
                        ? e.getCause() : e));
            }
        }
        LOG.debug("registered with {}/{} name servers", ok, addrs.size());
        return ok;
    }

    /** Unregisters from every name server. */
    public void unregisterAll() {
        for (String addr : ctx.config().namesrvAddrList()) {
            RemotingCommand req = RemotingCommand.request(RequestCode.UNREGISTER_BROKER)
                    .field("brokerName", ctx.config().getBrokerName())
                    .field("brokerAddr", ctx.brokerAddr())
                    .field("clusterName", ctx.config().getBrokerClusterName())
                    .field("brokerId", ctx.config().getBrokerId());
            try {
                client.invokeSync(addr, req, 3000);
            } catch (RuntimeException e) {
                LOG.warn("cannot unregister from name server {}: {}", addr, e.toString());
            }
        }
    }

    private CompletableFuture<RemotingCommand> invoke(String addr, RemotingCommand req, long timeout) {
        try {
            return client.invokeAsync(addr, req, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private RemotingCommand registerRequest(byte[] body) {
        String haAddr = (ctx.config().getBrokerIP2() == null ? ctx.storeHost().getAddress().getHostAddress()
                : ctx.config().getBrokerIP2()) + ":" + (ctx.storeHost().getPort() + 1);
        return RemotingCommand.request(RequestCode.REGISTER_BROKER)
                .field("brokerName", ctx.config().getBrokerName())
                .field("brokerAddr", ctx.brokerAddr())
                .field("clusterName", ctx.config().getBrokerClusterName())
                .field("haServerAddr", haAddr)
                .field("brokerId", ctx.config().getBrokerId())
                .field("compressed", ctx.config().isCompressedRegister())
                .field("bodyCrc32", StoredMessageCodec.crc32(body))
                .body(body);
    }

    private byte[] body() {
        TopicConfigSerializeWrapper wrapper = ctx.topics().snapshot();
        int brokerPerm = ctx.config().getBrokerPermission();
        if (!PermName.isReadable(brokerPerm) || !PermName.isWriteable(brokerPerm)) {
            for (TopicConfig tc : wrapper.getTopicConfigTable().values()) {
                tc.setPerm(brokerPerm);
            }
        }
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(wrapper);
        body.setFilterServerList(new ArrayList<>(filterServers.get()));
        return body.encode(ctx.config().isCompressedRegister());
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
