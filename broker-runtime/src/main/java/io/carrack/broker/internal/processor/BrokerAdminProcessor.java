package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.config.BrokerConfigBinding;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.config.ConfigBinder;
import io.carrack.common.config.ConfigException;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.KVTable;
import io.carrack.spi.store.StoreStats;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Broker configuration and status, PROTOCOL.md section 9.3: UPDATE_BROKER_CONFIG (25),
 * GET_BROKER_CONFIG (26, every key including the store's {@code store.<type>.*} keys, secrets masked),
 * GET_BROKER_RUNTIME_INFO (28).
 *
 * <p>Thread safety: config updates are serialized on this object.
 */
public final class BrokerAdminProcessor implements RequestProcessor {
    private final BrokerContext ctx;
    private final ConfigBinder binder;
    private final Runnable onPermissionChange;
    private final DataVersion configVersion = new DataVersion();

    /**
     * @param binder             the binder of the live {@code BrokerConfig}
     * @param onPermissionChange run after {@code brokerPermission} changed (re-registration)
     */
    public BrokerAdminProcessor(BrokerContext ctx, ConfigBinder binder, Runnable onPermissionChange) {
        this.ctx = ctx;
        this.binder = binder;
        this.onPermissionChange = onPermissionChange;
        configVersion.next(ctx.clock().millis());
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.UPDATE_BROKER_CONFIG -> updateConfig(request);
            case RequestCode.GET_BROKER_CONFIG -> getConfig(request);
            case RequestCode.GET_BROKER_RUNTIME_INFO -> RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .body(Json.toBytes(new KVTable(runtimeInfo())));
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand updateConfig(RemotingCommand request) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(request.body() == null ? new byte[0] : request.body(),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "string2Properties error");
        }
        int permBefore = ctx.config().getBrokerPermission();
        synchronized (this) {
            try {
                binder.bind(p);
            } catch (ConfigException e) {
                return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
            }
            configVersion.next(ctx.clock().millis());
        }
        if (ctx.config().getBrokerPermission() != permBefore) {
            ctx.topics().bumpVersion();
            onPermissionChange.run();
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getConfig(RemotingCommand request) {
        String text;
        String version;
        synchronized (this) {
            text = BrokerConfigBinding.describe(ctx.config());
            version = Json.toText(configVersion);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).field("version", version)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> runtimeInfo() {
        StoreStats s = ctx.store().stats();
        long now = ctx.clock().millis();
        Map<String, String> m = new java.util.TreeMap<>();
        m.put("brokerVersionDesc", "V4_9_7");
        m.put("brokerVersion", "407");
        m.put("bootTimestamp", Long.toString(ctx.stats().bootTimestamp()));
        m.put("runtime", runtimeText(now - ctx.stats().bootTimestamp()));
        m.put("putTps", ctx.stats().putTps());
        m.put("getTransferedTps", ctx.stats().getTransferredTps());
        m.put("getFoundTps", ctx.stats().getFoundTps());
        m.put("getMissTps", ctx.stats().getMissTps());
        m.put("getTotalTps", ctx.stats().getFoundTps());
        m.put("sendThreadPoolQueueSize", "0");
        m.put("pullThreadPoolQueueSize", "0");
        m.put("queryThreadPoolQueueSize", "0");
        m.put("sendThreadPoolQueueCapacity", Integer.toString(ctx.config().getSendThreadPoolQueueCapacity()));
        m.put("pullThreadPoolQueueCapacity", Integer.toString(ctx.config().getPullThreadPoolQueueCapacity()));
        m.put("sendThreadPoolQueueHeadWaitTimeMills", "0");
        m.put("pullThreadPoolQueueHeadWaitTimeMills", "0");
        m.put("queryThreadPoolQueueHeadWaitTimeMills", "0");
        m.put("pageCacheLockTimeMills", "0");
        m.put("earliestMessageTimeStamp", Long.toString(s.earliestStoreTime()));
        m.put("commitLogDiskRatio", Double.toString(s.diskUsedRatio()));
        m.put("commitLogMinOffset", Long.toString(s.minPhysicalOffset()));
        m.put("commitLogMaxOffset", Long.toString(s.maxPhysicalOffset()));
        m.put("putMessageTimesTotal", Long.toString(ctx.stats().putMessages()));
        m.put("putMessageSizeTotal", Long.toString(ctx.stats().putBytes()));
        m.put("putMessageEntireTimeMax", "0");
        m.put("putMessageAverageSize", ctx.stats().putMessages() == 0 ? "0.0"
                : Double.toString((double) ctx.stats().putBytes() / ctx.stats().putMessages()));
        m.put("dispatchBehindBytes", "0");
        m.put("msgPutTotalYesterdayMorning", "0");
        m.put("msgPutTotalTodayMorning", "0");
        m.put("msgPutTotalTodayNow", Long.toString(ctx.stats().putMessages()));
        m.put("msgGetTotalYesterdayMorning", "0");
        m.put("msgGetTotalTodayMorning", "0");
        m.put("msgGetTotalTodayNow", Long.toString(ctx.stats().getTransferred()));
        m.put("brokerActive", "true");
        m.put("storeType", ctx.config().getStoreType());
        return m;
    }

    private static String runtimeText(long millis) {
        long seconds = millis / 1000;
        return String.format("[ %d days, %d hours, %d minutes, %d seconds ]", seconds / 86400, (seconds / 3600) % 24,
                (seconds / 60) % 60, seconds % 60);
    }
}
