package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ConsumeStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Statistics for {@code mqadmin statsAll} and {@code brokerConsumeStats}, PROTOCOL.md section 9.7:
 * VIEW_BROKER_STATS_DATA (315) and GET_BROKER_CONSUME_STATS (317).
 *
 * <p>VIEW_BROKER_STATS_DATA answers {@code TOPIC_PUT_NUMS} (key {@code topic}) and {@code GROUP_GET_NUMS}
 * (key {@code topic@group}) for the last minute, hour and day. Carrack derives them from the store
 * instead of sampling counters: {@code TOPIC_PUT_NUMS} counts the messages of the topic stored in the
 * window (exact while nothing aged out), {@code GROUP_GET_NUMS} the messages stored in the window that the
 * group has consumed (its stored offset is past them), so a message consumed twice counts once.
 * {@code tps} is the sum over the window, or over the broker's uptime when that is shorter; {@code avgpt}
 * (values per event) is not known this way and is 0. Other items answer SYSTEM_ERROR
 * {@code The stats <name> <key> not exist}, which {@code statsAll} ignores.
 *
 * <p>Thread safety: stateless.
 */
public final class BrokerStatsProcessor implements RequestProcessor {
    /** Stats item of the messages put to a topic; key {@code topic}. */
    static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    /** Stats item of the messages a group got from a topic; key {@code topic@group}. */
    static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final BrokerContext ctx;

    public BrokerStatsProcessor(BrokerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.VIEW_BROKER_STATS_DATA -> statsData(request);
            case RequestCode.GET_BROKER_CONSUME_STATS -> brokerConsumeStats(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported");
        };
    }

    private RemotingCommand statsData(RemotingCommand request) {
        String name = request.requireField("statsName");
        String key = request.requireField("statsKey");
        Counter counter = counter(name, key);
        if (counter == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("The stats <%s> <%s> not exist", name, key));
        }
        long now = ctx.clock().millis();
        long uptime = now - ctx.stats().bootTimestamp();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statsMinute", item(counter.since(now - MINUTE), Math.min(MINUTE, uptime)));
        body.put("statsHour", item(counter.since(now - HOUR), Math.min(HOUR, uptime)));
        body.put("statsDay", item(counter.since(now - DAY), Math.min(DAY, uptime)));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(body));
    }

    /** Messages counted from a store time on. */
    @FunctionalInterface
    private interface Counter {
        long since(long timestamp);
    }

    private Counter counter(String name, String key) {
        if (TOPIC_PUT_NUMS.equals(name)) {
            TopicConfig tc = ctx.topics().select(key);
            return tc == null ? null : since -> count(key, since, null);
        }
        if (GROUP_GET_NUMS.equals(name)) {
            int at = key.indexOf('@');
            if (at <= 0 || at == key.length() - 1) {
                return null;
            }
            String topic = key.substring(0, at);
            String group = key.substring(at + 1);
            if (ctx.topics().select(topic) == null || ctx.offsets().queryAll(group, topic).isEmpty()) {
                return null;
            }
            return since -> count(topic, since, group);
        }
        return null;
    }

    /** Messages of {@code topic} stored at or after {@code since}; with a group, only those it consumed. */
    private long count(String topic, long since, String group) {
        long sum = 0;
        for (int q : ctx.store().queueIds(topic)) {
            long max = ctx.store().maxOffset(topic, q);
            long upTo = group == null ? max : Math.min(max, ctx.offsets().query(group, topic, q));
            long from = Math.max(ctx.store().minOffset(topic, q), ctx.store().offsetByTimestamp(topic, q, since));
            sum += Math.max(0, upTo - from);
        }
        return sum;
    }

    private static Map<String, Object> item(long sum, long spanMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sum", sum);
        m.put("tps", sum * 1000.0 / Math.max(1000, spanMillis));
        m.put("avgpt", 0.0);
        return m;
    }

    /**
     * Per subscription group known to the broker, a {@code ConsumeStats} per topic it has offsets on (only
     * order topics with {@code isOrder}), over the write queues; topics a live group does not subscribe to
     * are left out. {@code totalDiff} sums every listed diff.
     */
    private RemotingCommand brokerConsumeStats(RemotingCommand request) {
        boolean orderOnly = request.booleanField("isOrder", false);
        List<Map<String, List<ConsumeStats>>> list = new ArrayList<>();
        long totalDiff = 0;
        Set<String> groups = new TreeSet<>(ctx.groups().snapshot().getSubscriptionGroupTable().keySet());
        for (String group : groups) {
            List<ConsumeStats> perTopic = new ArrayList<>();
            for (String topic : new TreeSet<>(ctx.offsets().topicsOfGroup(group))) {
                TopicConfig tc = ctx.topics().select(topic);
                if (tc == null || (orderOnly && !tc.isOrder()) || !ConsumeProgress.reported(ctx, group, tc)) {
                    continue;
                }
                ConsumeStats stats = new ConsumeStats();
                ConsumeProgress.addQueues(ctx, stats, group, topic, tc.getWriteQueueNums());
                stats.setConsumeTps(ctx.stats().groupTps(group));
                totalDiff += stats.computeTotalDiff();
                perTopic.add(stats);
            }
            list.add(Map.of(group, perTopic));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("brokerAddr", ctx.brokerAddr());
        body.put("consumeStatsList", list);
        body.put("totalDiff", totalDiff);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(body));
    }
}
