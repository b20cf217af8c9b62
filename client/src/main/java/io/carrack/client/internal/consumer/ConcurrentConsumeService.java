package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ConcurrentMessageListener;
import io.carrack.client.consumer.ConsumeConcurrentlyContext;
import io.carrack.client.consumer.ConsumeConcurrentlyStatus;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.MessageDecoding;
import io.carrack.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent consumption: batches of at most {@code batchMaxSize} messages run on the consume pool.
 * Failed messages of a clustering group are sent back to the broker (retry topic); when that fails
 * they are consumed again locally after 5 s. Broadcasting consumers drop failed messages. The
 * queue's offset then moves to its smallest still-cached message.
 *
 * <p>Thread safety: thread-safe.
 */
final class ConcurrentConsumeService implements ConsumeService {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumeService.class);
    private static final long LOCAL_RETRY_DELAY_MILLIS = 5000;

    private final ClientInstance client;
    private final String group;
    private final MessageModel model;
    private final ConcurrentMessageListener listener;
    private final int batchMaxSize;
    private final int maxReconsumeTimes;
    private final OffsetStore offsets;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler;

    ConcurrentConsumeService(ClientInstance client, String group, MessageModel model,
                             ConcurrentMessageListener listener, int batchMaxSize, int maxReconsumeTimes,
                             int threads, OffsetStore offsets, ScheduledExecutorService scheduler) {
        this.client = client;
        this.group = group;
        this.model = model;
        this.listener = listener;
        this.batchMaxSize = batchMaxSize;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.offsets = offsets;
        this.pool = ConsumeThreads.pool(threads);
        this.scheduler = scheduler;
    }

    @Override
    public void submit(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch) {
        for (int i = 0; i < msgs.size(); i += batchMaxSize) {
            List<ReceivedMessage> batch = List.copyOf(msgs.subList(i, Math.min(msgs.size(), i + batchMaxSize)));
            execute(mq, pq, batch);
        }
    }

    private void execute(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> batch) {
        try {
            pool.execute(() -> consume(mq, pq, batch));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: consume of {} rejected, consumer closing", group, mq);
        }
    }

    private void consume(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> batch) {
        if (pq.isDropped()) {
            return;
        }
        List<ReceivedMessage> view = new ArrayList<>(batch.size());
        for (ReceivedMessage m : batch) {
            view.add(MessageDecoding.restoreRetryTopic(m, group));
        }
        ConsumeConcurrentlyContext ctx = new ConsumeConcurrentlyContext(mq);
        ConsumeConcurrentlyStatus status;
        try {
            status = listener.consume(List.copyOf(view), ctx);
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            LOG.warn("{}: listener failed on {} messages of {}: {}", group, batch.size(), mq, t.toString());
            status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (status == null) {
            status = ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (pq.isDropped()) {
            LOG.debug("{}: {} was dropped while consuming; offset not moved", group, mq);
            return;
        }
        int ackIndex = status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                ? Math.min(ctx.ackIndex(), view.size() - 1) : -1;
        List<ReceivedMessage> done = new ArrayList<>(batch);
        List<ReceivedMessage> retryLocally = new ArrayList<>();
        if (model == MessageModel.CLUSTERING) {
            for (int i = ackIndex + 1; i < view.size(); i++) {
                try {
                    SendBack.send(client, group, view.get(i), ctx.delayLevelWhenNextConsume(), maxReconsumeTimes);
                } catch (RuntimeException e) {
                    LOG.warn("{}: send-back of {} failed, consuming it again locally: {}", group,
                            view.get(i).messageId(), e.toString());
                    retryLocally.add(MessageDecoding.withReconsumeTimes(batch.get(i), batch.get(i).reconsumeTimes() + 1));
                    done.remove(batch.get(i));
                }
            }
        } else {
            for (int i = ackIndex + 1; i < view.size(); i++) {
                LOG.warn("{}: broadcasting consumer dropped failed message {}", group, view.get(i).messageId());
            }
        }
        long offset = pq.remove(done);
        if (offset >= 0 && !pq.isDropped()) {
            offsets.update(mq, offset, true);
        }
        if (!retryLocally.isEmpty()) {
            try {
                scheduler.schedule(() -> execute(mq, pq, retryLocally), LOCAL_RETRY_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: consumer closing", group);
            }
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
