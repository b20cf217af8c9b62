package io.carrack.broker.internal.processor;

import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.TopicConfig;
import io.carrack.remoting.protocol.body.ConsumeStats;
import io.carrack.remoting.protocol.body.OffsetWrapper;

/**
 * How far a consumer group is on the queues of a topic, as {@code ConsumeStats} reports it (PROTOCOL.md
 * section 9.5): per queue the max offset, the stored consumer offset (0 if none) and the store time of the
 * last consumed message (0 if none).
 *
 * <p>Thread safety: stateless.
 */
final class ConsumeProgress {

    private ConsumeProgress() {
    }

    /** Adds the queues {@code 0..queueNums-1} of {@code topic} to {@code stats}. */
    static void addQueues(BrokerContext ctx, ConsumeStats stats, String group, String topic, int queueNums) {
        for (int q = 0; q < queueNums; q++) {
            stats.getOffsetTable().put(new MessageQueue(topic, ctx.config().getBrokerName(), q),
                    offsets(ctx, group, topic, q));
        }
    }

    /** The progress of {@code group} on one queue. */
    static OffsetWrapper offsets(BrokerContext ctx, String group, String topic, int queueId) {
        OffsetWrapper w = new OffsetWrapper();
        w.setBrokerOffset(Math.max(0, ctx.store().maxOffset(topic, queueId)));
        long consumer = Math.max(0, ctx.offsets().query(group, topic, queueId));
        w.setConsumerOffset(consumer);
        w.setLastTimestamp(consumer > 0 ? Math.max(0, ctx.store().storeTimestamp(topic, queueId, consumer - 1)) : 0);
        return w;
    }

    /**
     * Whether the group's progress on a topic is reported: not while the group is online without
     * subscribing to it (RocketMQ skips topics a live group no longer consumes).
     */
    static boolean reported(BrokerContext ctx, String group, TopicConfig tc) {
        var online = ctx.consumers().group(group);
        return online == null || online.subscriptions().isEmpty() || online.subscription(tc.getTopicName()) != null;
    }
}
