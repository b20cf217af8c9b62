package io.carrack.client.internal.consumer;

import io.carrack.client.ClientSettings;
import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.MessageModel;
import java.nio.file.Path;

/**
 * Everything a pull consumer is built with; validated by the builder.
 *
 * @param settings                shared client settings
 * @param group                   consumer group
 * @param model                   clustering or broadcasting
 * @param consumeFrom             start position for queues without an offset
 * @param consumeTimestamp        ms, for CONSUME_FROM_TIMESTAMP
 * @param strategy                allocation strategy of subscriptions
 * @param pullBatchSize           messages per pull
 * @param thresholdCount          cached messages per queue above which pulling pauses
 * @param thresholdBytes          cached bytes per queue above which pulling pauses
 * @param autoCommit              commit during polls
 * @param autoCommitIntervalMillis period of auto-commit
 * @param offsetStoreDir          directory of broadcasting offset files
 * @param rebalanceIntervalMillis period of the rebalance
 */
public record PullConsumerConfig(ClientSettings settings, String group, MessageModel model,
                                 ConsumeFromWhere consumeFrom, long consumeTimestamp, AllocateStrategy strategy,
                                 int pullBatchSize, int thresholdCount, long thresholdBytes, boolean autoCommit,
                                 long autoCommitIntervalMillis, Path offsetStoreDir, long rebalanceIntervalMillis) {
}
