package io.carrack.client.internal.consumer;

import io.carrack.client.ClientSettings;
import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.client.consumer.ConcurrentMessageListener;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.OrderlyMessageListener;
import io.carrack.client.consumer.Selector;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a push consumer is built with; validated by the builder.
 *
 * @param settings                 shared client settings
 * @param group                    consumer group
 * @param subscriptions            topic to selector
 * @param model                    clustering or broadcasting
 * @param consumeFrom              start position for queues without an offset
 * @param consumeTimestamp         ms, for {@link ConsumeFromWhere#CONSUME_FROM_TIMESTAMP}
 * @param strategy                 allocation strategy
 * @param concurrentListener       listener, or null when orderly
 * @param orderlyListener          listener, or null when concurrent
 * @param consumeThreads           consume thread pool size
 * @param consumeBatchMaxSize      messages per listener call
 * @param pullBatchSize            messages per pull
 * @param pullThresholdForQueue    cached messages per queue above which pulling pauses
 * @param pullThresholdSizeForQueueBytes cached bytes per queue above which pulling pauses
 * @param consumeConcurrentlyMaxSpan offset span per queue above which pulling pauses
 * @param maxReconsumeTimes        retries before a message goes to the DLQ
 * @param suspendCurrentQueueTimeMillis orderly suspend time
 * @param pullIntervalMillis       pause between pulls of a queue
 * @param postSubscriptionWhenPull send the subscription with every pull
 * @param offsetStoreDir           directory of broadcasting offset files
 * @param rebalanceIntervalMillis  period of the rebalance
 */
public record PushConsumerConfig(ClientSettings settings, String group, Map<String, Selector> subscriptions,
                                 MessageModel model, ConsumeFromWhere consumeFrom, long consumeTimestamp,
                                 AllocateStrategy strategy, ConcurrentMessageListener concurrentListener,
                                 OrderlyMessageListener orderlyListener, int consumeThreads,
                                 int consumeBatchMaxSize, int pullBatchSize, int pullThresholdForQueue,
                                 long pullThresholdSizeForQueueBytes, int consumeConcurrentlyMaxSpan,
                                 int maxReconsumeTimes, long suspendCurrentQueueTimeMillis, long pullIntervalMillis,
                                 boolean postSubscriptionWhenPull, Path offsetStoreDir,
                                 long rebalanceIntervalMillis) {
    /** Whether the listener is orderly. */
    public boolean orderly() {
        return orderlyListener != null;
    }
}
