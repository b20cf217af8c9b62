package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.internal.ClientApi;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.MessageDecoding;
import io.carrack.client.internal.PullResponse;
import io.carrack.client.internal.Responses;
import io.carrack.client.internal.filtersrv.ClassFilters;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one outstanding long-poll pull per held queue (PROTOCOL.md sections 7.1 and 13.4): pulls
 * with the SUSPEND flag, hands found messages to a {@link Sink}, pulls again at once, and backs off
 * when the queue's cache is over its limits or a pull fails. A class-filter subscription's pulls carry the
 * CLASS_FILTER flag and go to a filter server of the queue's broker ({@link ClassFilters}); while its
 * filter is disabled, its queues are not pulled.
 *
 * <p>Thread safety: pulls are started and handled on the given single-threaded scheduler.
 */
final class QueuePuller {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePuller.class);
    static final long DELAY_ON_EXCEPTION_MILLIS = 1000;
    static final long DELAY_ON_FLOW_CONTROL_MILLIS = 50;
    static final long DELAY_WHEN_SUSPENDED_MILLIS = 1000;
    static final long DELAY_WHEN_NOT_LOCKED_MILLIS = 3000;
    static final long DELAY_ON_OFFSET_ILLEGAL_MILLIS = 10_000;

    /** Where pulled messages go. */
    interface Sink {
        /** Pulled messages, already cached in {@code pq}; {@code dispatch} tells an orderly consumer to start. */
        void accept(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch);

        /** Whether the queue may be pulled now (an orderly consumer needs the lock). */
        default boolean mayPull(ProcessQueue pq) {
            return true;
        }

        /** The broker says the offset is outside the queue; the queue should be dropped and re-added. */
        void offsetIllegal(MessageQueue mq, ProcessQueue pq, long nextOffset);
    }

    private final ClientInstance client;
    private final String group;
    private final MessageModel model;
    private final PullSettings settings;
    private final Map<String, SubscriptionData> subscriptions;
    private final OffsetStore offsets;
    private final Sink sink;
    private final ScheduledExecutorService executor;
    private final BooleanSupplier paused;
    private final ClassFilters classFilters;
    private final Map<MessageQueue, Long> suggestedBroker = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    QueuePuller(ClientInstance client, String group, MessageModel model, PullSettings settings,
                Map<String, SubscriptionData> subscriptions, OffsetStore offsets, Sink sink,
                ScheduledExecutorService executor, BooleanSupplier paused) {
        this(client, group, model, settings, subscriptions, offsets, sink, executor, paused, null);
    }

    /**
     * A puller that also serves class-filter subscriptions.
     *
     * @param classFilters the consumer's class filters, or null if it has none
     */
    QueuePuller(ClientInstance client, String group, MessageModel model, PullSettings settings,
                Map<String, SubscriptionData> subscriptions, OffsetStore offsets, Sink sink,
                ScheduledExecutorService executor, BooleanSupplier paused, ClassFilters classFilters) {
        this.classFilters = classFilters;
        this.client = client;
        this.group = group;
        this.model = model;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.offsets = offsets;
        this.sink = sink;
        this.executor = executor;
        this.paused = paused;
    }

    /** Starts pulling {@code mq} from {@code offset}. */
    void start(MessageQueue mq, ProcessQueue pq, long offset) {
        schedule(new Request(mq, pq, offset), 0);
    }

    /** Stops scheduling pulls. */
    void stop() {
        stopped = true;
    }

    private void schedule(Request r, long delayMillis) {
        if (stopped || r.pq.isDropped()) {
            return;
        }
        try {
            executor.schedule(() -> pull(r), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: pull of {} not scheduled, consumer closing", group, r.mq);
        }
    }

    private void pull(Request r) {
        if (stopped || r.pq.isDropped()) {
            return;
        }
        long now = System.currentTimeMillis();
        r.pq.pulled(now);
        if (paused.getAsBoolean()) {
            schedule(r, DELAY_WHEN_SUSPENDED_MILLIS);
            return;
        }
        if (r.pq.count() > settings.thresholdCount() || r.pq.bytes() > settings.thresholdBytes()
                || (settings.maxSpan() > 0 && r.pq.span() > settings.maxSpan())) {
            schedule(r, DELAY_ON_FLOW_CONTROL_MILLIS);
            return;
        }
        if (!sink.mayPull(r.pq)) {
            schedule(r, DELAY_WHEN_NOT_LOCKED_MILLIS);
            return;
        }
        SubscriptionData sub = subscriptions.get(r.mq.topic());
        if (sub == null) {
            schedule(r, DELAY_ON_EXCEPTION_MILLIS);
            return;
        }
        long brokerId = suggestedBroker.getOrDefault(r.mq, 0L);
        String addr = client.addrOf(r.mq.brokerName(), brokerId);
        if (addr == null) {
            LOG.debug("{}: no address of {} yet", group, r.mq.brokerName());
            schedule(r, DELAY_ON_EXCEPTION_MILLIS);
            return;
        }
        long commitOffset = 0;
        int sysFlag = PullSettings.FLAG_SUSPEND;
        if (model == MessageModel.CLUSTERING && brokerId == 0 && !settings.liteFlag()) {
            commitOffset = offsets.read(r.mq, OffsetStore.ReadType.MEMORY);
            if (commitOffset > 0) {
                sysFlag |= PullSettings.FLAG_COMMIT_OFFSET;
            } else {
                commitOffset = 0;
            }
        }
        String subText = null;
        if (settings.postSubscription() && !sub.isClassFilterMode()) {
            sysFlag |= PullSettings.FLAG_SUBSCRIPTION;
            subText = sub.getSubString();
        }
        if (settings.liteFlag()) {
            sysFlag |= PullSettings.FLAG_LITE_PULL;
        }
        if (sub.isClassFilterMode()) {
            if (classFilters == null || classFilters.isDisabled(sub)) {
                schedule(r, DELAY_WHEN_SUSPENDED_MILLIS);
                return;
            }
            String filterServer = classFilters.pick(sub, addr);
            if (filterServer == null) {
                schedule(r, DELAY_ON_EXCEPTION_MILLIS);
                return;
            }
            addr = filterServer;
            sysFlag |= PullSettings.FLAG_CLASS_FILTER;
        }
        String target = addr;
        RemotingCommand cmd = ClientApi.pullCommand(group, r.mq, r.nextOffset, settings.batchSize(), sysFlag,
                commitOffset, settings.suspendMillis(), subText, sub.getSubVersion(), sub.getExpressionType());
        try {
            client.api().pull(addr, cmd, settings.suspendMillis() + ClientApi.SUSPENDED_PULL_TIMEOUT_MILLIS
                            - ClientApi.PUSH_SUSPEND_MILLIS)
                    .whenCompleteAsync((resp, err) -> handle(r, sub, target, resp, err), executor);
        } catch (RuntimeException e) {
            handle(r, sub, target, null, e);
        }
    }

    private void handle(Request r, SubscriptionData sub, String addr, PullResponse resp, Throwable err) {
        if (err != null) {
            Throwable cause = Responses.unwrap(err);
            if (!stopped && sub.isClassFilterMode() && classFilters != null) {
                classFilters.onPullFailure(sub, addr, cause);
            } else if (!stopped) {
                if (isSubscriptionRefusal(cause)) {
                    LOG.warn("{}: pull of {} refused: {}", group, r.mq, cause.getMessage());
                } else {
                    LOG.debug("{}: pull of {} failed: {}", group, r.mq, cause.toString());
                }
            }
            boolean flowControl = cause instanceof ClientException ce && ce.responseCode() == ResponseCode.FLOW_CONTROL;
            schedule(r, flowControl ? 20 : DELAY_ON_EXCEPTION_MILLIS);
            return;
        }
        suggestedBroker.put(r.mq, resp.suggestWhichBrokerId());
        switch (resp.status()) {
            case FOUND -> {
                List<ReceivedMessage> msgs;
                try {
                    msgs = MessageDecoding.decodePull(resp.body(), r.mq.brokerName(), resp, sub);
                } catch (RuntimeException e) {
                    LOG.warn("{}: undecodable pull answer for {}: {}", group, r.mq, e.toString());
                    schedule(r, DELAY_ON_EXCEPTION_MILLIS);
                    return;
                }
                r.nextOffset = resp.nextBeginOffset();
                if (msgs.isEmpty()) {
                    schedule(r, 0);
                    return;
                }
                boolean dispatch = r.pq.put(msgs);
                sink.accept(r.mq, r.pq, msgs, dispatch);
                schedule(r, settings.pullIntervalMillis());
            }
            case NO_NEW_MSG, NO_MATCHED_MSG -> {
                r.nextOffset = resp.nextBeginOffset();
                if (r.pq.count() == 0 && model == MessageModel.CLUSTERING) {
                    offsets.update(r.mq, r.nextOffset, true);
                }
                schedule(r, settings.pullIntervalMillis());
            }
            case OFFSET_ILLEGAL -> {
                LOG.warn("{}: offset {} of {} is illegal, next {}", group, r.nextOffset, r.mq,
                        resp.nextBeginOffset());
                r.nextOffset = resp.nextBeginOffset();
                r.pq.drop();
                long next = r.nextOffset;
                try {
                    executor.schedule(() -> sink.offsetIllegal(r.mq, r.pq, next), DELAY_ON_OFFSET_ILLEGAL_MILLIS,
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    LOG.debug("{}: consumer closing", group);
                }
            }
            default -> throw new IllegalStateException("unknown status " + resp.status());
        }
    }

    /** A broker's refusal of the subscription itself, which retrying will not fix. */
    private static boolean isSubscriptionRefusal(Throwable cause) {
        if (!(cause instanceof ClientException ce)) {
            return false;
        }
        return ce.responseCode() == ResponseCode.SUBSCRIPTION_PARSE_FAILED
                || ce.responseCode() == ResponseCode.SYSTEM_ERROR;
    }

    /** One queue's pull state. */
    private static final class Request {
        final MessageQueue mq;
        final ProcessQueue pq;
        volatile long nextOffset;

        Request(MessageQueue mq, ProcessQueue pq, long nextOffset) {
            this.mq = mq;
            this.pq = pq;
            this.nextOffset = nextOffset;
        }
    }
}
