package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ConsumeOrderlyContext;
import io.carrack.client.consumer.ConsumeOrderlyStatus;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.OrderlyMessageListener;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.MessageDecoding;
import io.carrack.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orderly consumption (PROTOCOL.md section 13.13): at most one task per queue runs the listener on
 * consecutive batches, and only while the consumer holds the broker lock of the queue (clustering).
 * A suspended batch is put back and offered again after the suspend time, with its reconsume count
 * raised; once a message has reached {@code maxReconsumeTimes} it is sent to the DLQ.
 *
 * <p>Thread safety: thread-safe.
 */
final class OrderlyConsumeService implements ConsumeService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyConsumeService.class);
    private static final long MAX_CONTINUOUS_MILLIS = 60_000;
    private static final long RETRY_LOCK_DELAY_MILLIS = 100;

    private final ClientInstance client;
    private final String group;
    private final MessageModel model;
    private final OrderlyMessageListener listener;
    private final int batchMaxSize;
    private final int maxReconsumeTimes;
    private final long suspendMillis;
    private final OffsetStore offsets;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler;
    private final Map<MessageQueue, Object> queueLocks = new ConcurrentHashMap<>();

    OrderlyConsumeService(ClientInstance client, String group, MessageModel model, OrderlyMessageListener listener,
                          int batchMaxSize, int maxReconsumeTimes, long suspendMillis, int threads,
                          OffsetStore offsets, ScheduledExecutorService scheduler) {
        this.client = client;
        this.group = group;
        this.model = model;
        this.listener = listener;
        this.batchMaxSize = batchMaxSize;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.suspendMillis = suspendMillis;
        this.offsets = offsets;
        this.pool = ConsumeThreads.pool(threads);
        this.scheduler = scheduler;
    }

    @Override
    public void submit(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch) {
        if (dispatch) {
            execute(mq, pq);
        }
    }

    private void execute(MessageQueue mq, ProcessQueue pq) {
        try {
            pool.execute(() -> run(mq, pq));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: consume of {} rejected, consumer closing", group, mq);
        }
    }

    private void later(MessageQueue mq, ProcessQueue pq, long delayMillis) {
        try {
            scheduler.schedule(() -> execute(mq, pq), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: consumer closing", group);
        }
    }

    private boolean holdsLock(ProcessQueue pq) {
        return model == MessageModel.BROADCASTING
                || (pq.isLocked() && !pq.isLockExpired(System.currentTimeMillis()));
    }

    private void run(MessageQueue mq, ProcessQueue pq) {
        if (pq.isDropped()) {
            return;
        }
        Object queueLock = queueLocks.computeIfAbsent(mq, k -> new Object());
        synchronized (queueLock) {
            long start = System.currentTimeMillis();
            while (true) {
                if (pq.isDropped()) {
                    return;
                }
                if (!holdsLock(pq)) {
                    later(mq, pq, RETRY_LOCK_DELAY_MILLIS);
                    return;
                }
                if (System.currentTimeMillis() - start > MAX_CONTINUOUS_MILLIS) {
                    later(mq, pq, 10);
                    return;
                }
                List<ReceivedMessage> batch = pq.take(batchMaxSize);
                if (batch.isEmpty()) {
                    return;
                }
                if (!consumeBatch(mq, pq, batch)) {
                    return;
                }
            }
        }
    }

    /** Runs the listener on one batch; returns whether to go on with the next batch now. */
    private boolean consumeBatch(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> batch) {
        List<ReceivedMessage> view = new ArrayList<>(batch.size());
        for (ReceivedMessage m : batch) {
            view.add(MessageDecoding.restoreRetryTopic(m, group));
        }
        ConsumeOrderlyContext ctx = new ConsumeOrderlyContext(mq);
        ConsumeOrderlyStatus status;
        pq.consumeLock().lock();
        try {
            if (pq.isDropped()) {
                return false;
            }
            status = listener.consume(List.copyOf(view), ctx);
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            LOG.warn("{}: orderly listener failed on {}: {}", group, mq, t.toString());
            status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        } finally {
            pq.consumeLock().unlock();
        }
        if (status == null) {
            status = ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
        }
        if (status == ConsumeOrderlyStatus.SUCCESS) {
            commit(mq, pq);
            return true;
        }
        if (toDeadLetters(view)) {
            commit(mq, pq);
            return true;
        }
        pq.reconsume(batch);
        long suspend = ctx.suspendCurrentQueueTimeMillis() >= 0 ? ctx.suspendCurrentQueueTimeMillis() : suspendMillis;
        later(mq, pq, Math.max(10, Math.min(suspend, 30_000)));
        return false;
    }

    /** Whether every message of the batch has used up its retries and was moved to the DLQ. */
    private boolean toDeadLetters(List<ReceivedMessage> batch) {
        for (ReceivedMessage m : batch) {
            if (m.reconsumeTimes() < maxReconsumeTimes) {
                return false;
            }
        }
        if (model == MessageModel.BROADCASTING) {
            return true;
        }
        for (ReceivedMessage m : batch) {
            try {
                SendBack.send(client, group, m, -1, maxReconsumeTimes);
            } catch (RuntimeException e) {
                LOG.warn("{}: moving {} to the DLQ failed: {}", group, m.messageId(), e.toString());
                return false;
            }
        }
        return true;
    }

    private void commit(MessageQueue mq, ProcessQueue pq) {
        long next = pq.commit();
        if (next >= 0 && !pq.isDropped()) {
            offsets.update(mq, next, false);
        }
    }

    @Override
    public void shutdown(long awaitMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(awaitMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
