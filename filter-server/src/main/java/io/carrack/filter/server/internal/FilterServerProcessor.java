package io.carrack.filter.server.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter server's two requests (PROTOCOL.md section 13.8):
 * <ul>
 *   <li>REGISTER_MESSAGE_FILTER_CLASS (302): header {@code consumerGroup}, {@code topic},
 *       {@code className}, {@code classCRC}; body the Java source. SUCCESS, or SYSTEM_ERROR with the
 *       reason the class was refused.</li>
 *   <li>PULL_MESSAGE (11) with the CLASS_FILTER bit: forwarded to the broker for the same group, queue and
 *       offset with subscription {@code *} (and the client's suspend and commit-offset bits), then the
 *       found messages are filtered. The answer keeps the broker's {@code nextBeginOffset}, so a pull whose
 *       messages all fail the filter still moves the consumer past them: SUCCESS with the matches, or
 *       PULL_RETRY_IMMEDIATELY (20) when none matched. Other codes pass through.</li>
 * </ul>
 *
 * <p>Thread safety: stateless apart from the shared sandbox and client; called from the server's executors.
 */
public final class FilterServerProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(FilterServerProcessor.class);
    static final int FLAG_COMMIT_OFFSET = 0x1;
    static final int FLAG_SUSPEND = 0x2;
    static final int FLAG_SUBSCRIPTION = 0x4;
    static final int FLAG_CLASS_FILTER = 0x8;
    private static final long PULL_TIMEOUT_MARGIN_MILLIS = 5_000;
    private static final long MIN_PULL_TIMEOUT_MILLIS = 10_000;

    private final FilterSandbox sandbox;
    private final RemotingClient brokerClient;
    private final Supplier<String> brokerAddr;
    private final ExecutorService filterExecutor;

    /**
     * @param filterExecutor where broker answers are filtered (may block for the match budget)
     */
    public FilterServerProcessor(FilterSandbox sandbox, RemotingClient brokerClient, Supplier<String> brokerAddr,
                                 ExecutorService filterExecutor) {
        this.sandbox = sandbox;
        this.brokerClient = brokerClient;
        this.brokerAddr = brokerAddr;
        this.filterExecutor = filterExecutor;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.REGISTER_MESSAGE_FILTER_CLASS -> registerFilterClass(request);
            case RequestCode.PULL_MESSAGE -> pull(channel, request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not supported by a filter server");
        };
    }

    private RemotingCommand registerFilterClass(RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        String topic = request.requireField("topic");
        String className = request.requireField("className");
        int crc = request.intField("classCRC", 0);
        FilterSandbox.Registration r = sandbox.register(group, topic, className, crc, request.body());
        return r.ok() ? RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                : RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, r.message());
    }

    private RemotingCommand pull(RemoteChannel channel, RemotingCommand request) {
        String group = request.requireField("consumerGroup");
        String topic = request.requireField("topic");
        String unavailable = sandbox.unavailable(group, topic);
        if (unavailable != null) {
            // not registered yet, refused or disabled: the consumer sees why, and pulls again later
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, unavailable);
        }
        int sysFlag = request.intField("sysFlag", 0);
        long suspend = request.longField("suspendTimeoutMillis", 0);
        Map<String, String> fields = new HashMap<>(request.extFields());
        fields.put("sysFlag", String.valueOf((sysFlag & (FLAG_COMMIT_OFFSET | FLAG_SUSPEND)) | FLAG_SUBSCRIPTION));
        fields.put("subscription", "*");
        fields.put("expressionType", "TAG");
        RemotingCommand forward = RemotingCommand.request(RequestCode.PULL_MESSAGE).extFields(fields);
        long timeout = (sysFlag & FLAG_SUSPEND) != 0
                ? Math.max(MIN_PULL_TIMEOUT_MILLIS, suspend + PULL_TIMEOUT_MARGIN_MILLIS) : MIN_PULL_TIMEOUT_MILLIS;
        CompletableFuture<RemotingCommand> call;
        try {
            call = brokerClient.invokeAsync(brokerAddr.get(), forward, timeout);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenCompleteAsync((response, failure) -> {
            RemotingCommand answer;
            try {
                answer = failure != null
                        ? RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "the filter server cannot pull"
                                + " from its broker " + brokerAddr.get() + ": " + failure)
                        : filter(request, group, topic, response);
            } catch (RuntimeException e) {
                LOG.warn("filtering a pull of group {} on topic {} failed", group, topic, e);
                answer = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "filter server error: " + e);
            }
            if (channel.isActive()) {
                channel.write(answer);
            }
        }, filterExecutor);
        return null;
    }

    private RemotingCommand filter(RemotingCommand request, String group, String topic, RemotingCommand broker) {
        RemotingCommand answer = RemotingCommand.responseTo(request, broker.code(), broker.remark());
        for (String field : new String[] {"nextBeginOffset", "minOffset", "maxOffset"}) {
            String v = broker.field(field);
            if (v != null) {
                answer.field(field, v);
            }
        }
        // the filter server always pulls from its own broker, the master or slave it was started by
        answer.field("suggestWhichBrokerId", 0L);
        if (broker.code() != ResponseCode.SUCCESS) {
            return answer;
        }
        byte[] body = broker.body();
        PullFilter.Decoded decoded = PullFilter.decode(body == null ? new byte[0] : body);
        FilterSandbox.Matches m = sandbox.match(group, topic, decoded.views());
        switch (m.status()) {
            case OK -> {
                byte[] kept = decoded.keep(m.matches());
                if (kept.length == 0) {
                    return answer.code(ResponseCode.PULL_RETRY_IMMEDIATELY).remark("NO_MATCHED_MESSAGE");
                }
                return answer.body(kept);
            }
            case BUSY -> {
                return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_BUSY, m.message());
            }
            default -> {
                return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, m.message());
            }
        }
    }
}
