package io.carrack.broker.internal.longpolling;

import io.carrack.broker.internal.support.NamedThreadFactory;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.MessageArrivalListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling (PROTOCOL.md section 13.4): pulls that found nothing are held per topic and queue
 * and re-run the moment the store reports a message for that queue beyond the pull's offset that the
 * pull's filter accepts by tags code, or when their hold time ends. The re-run answers on the
 * original opaque with whatever it finds, PULL_NOT_FOUND at the end of the hold.
 *
 * <p>Thread safety: {@link #onArrival} is called from the store's dispatch thread and never blocks;
 * re-runs go to the pull executor.
 */
public final class PullRequestHoldService implements MessageArrivalListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestHoldService.class);

    /** Held pulls by topic, then queue id (no key strings built per dispatched message). */
    private final ConcurrentMap<String, ConcurrentMap<Integer, Queue<PullRequest>>> held = new ConcurrentHashMap<>();
    /** Pulls held and not yet answered: lets {@link #onArrival} return at once when nobody waits. */
    private final AtomicInteger holding = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private volatile Executor executor = Runnable::run;
    private volatile BiConsumer<RemoteChannel, RemotingCommand> rerun = (c, r) -> { };
    private volatile MaxOffsetSource maxOffsets = (t, q) -> -1;

    /** The max offset of a queue, to close the race between a pull's read and its hold. */
    @FunctionalInterface
    public interface MaxOffsetSource {
        long maxOffset(String topic, int queueId);
    }

    public PullRequestHoldService() {
        this.timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("pull-hold", true));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Connects the service to the pull path.
     *
     * @param executor   where re-runs execute
     * @param rerun      re-runs a pull without holding it and writes the answer
     * @param maxOffsets the store's max offsets
     */
    public void bind(Executor executor, BiConsumer<RemoteChannel, RemotingCommand> rerun, MaxOffsetSource maxOffsets) {
        this.executor = executor;
        this.rerun = rerun;
        this.maxOffsets = maxOffsets;
    }

    /** Holds a pull for up to {@code holdMillis}. */
    public void hold(RemoteChannel channel, RemotingCommand request, String topic, int queueId, long offset,
                     MessageFilter filter, long holdMillis) {
        PullRequest pr = new PullRequest(channel, request, topic, queueId, offset, filter);
        holding.incrementAndGet();
        held.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(queueId, q -> new ConcurrentLinkedQueue<>()).add(pr);
        pr.timeout = timer.schedule(() -> fire(pr), Math.max(1, holdMillis), TimeUnit.MILLISECONDS);
        // a message may have arrived between the read and the registration above
        if (maxOffsets.maxOffset(topic, queueId) > offset) {
            fire(pr);
        }
    }

    @Override
    public void onArrival(String topic, int queueId, long nextOffset, long tagsCode) {
        if (holding.get() == 0) {
            return;
        }
        Queue<PullRequest> q = queue(topic, queueId);
        if (q == null || q.isEmpty()) {
            return;
        }
        for (PullRequest pr : q) {
            if (nextOffset > pr.pullFromOffset && matches(pr.filter, tagsCode)) {
                fire(pr);
            }
        }
    }

    /** Number of pulls held now. */
    public int heldCount() {
        int n = 0;
        for (ConcurrentMap<Integer, Queue<PullRequest>> queues : held.values()) {
            for (Queue<PullRequest> q : queues.values()) {
                n += q.size();
            }
        }
        return n;
    }

    private static boolean matches(MessageFilter filter, long tagsCode) {
        try {
            return filter.matchesTagsCode(tagsCode);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void fire(PullRequest pr) {
        if (!pr.claim()) {
            return;
        }
        holding.decrementAndGet();
        Queue<PullRequest> q = queue(pr.topic, pr.queueId);
        if (q != null) {
            q.remove(pr);
        }
        if (pr.timeout != null) {
            pr.timeout.cancel(false);
        }
        if (!pr.channel.isActive()) {
            return;
        }
        try {
            executor.execute(() -> rerun.accept(pr.channel, pr.request));
        } catch (RejectedExecutionException e) {
            LOG.warn("pull re-run rejected for {}@{}: {}", pr.topic, pr.queueId, e.toString());
        }
    }

    private Queue<PullRequest> queue(String topic, int queueId) {
        ConcurrentMap<Integer, Queue<PullRequest>> queues = held.get(topic);
        return queues == null ? null : queues.get(queueId);
    }

    /** Stops the timer; held pulls are dropped (their clients time out and retry). */
    @Override
    public void close() {
        timer.shutdownNow();
        held.clear();
    }
}
