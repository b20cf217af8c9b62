package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.MessageModel;
import io.carrack.client.consumer.Selector;
import io.carrack.remoting.protocol.body.ConsumeType;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.SubscriptionData;
import java.util.HashSet;
import java.util.Map;

/** Builds the wire forms of subscriptions and consumer registrations. */
public final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * The subscription of {@code topic} with {@code selector}, versioned with the current time. A class
     * filter is, as in RocketMQ, a {@code *} tag subscription whose {@code subString} is the class name,
     * with {@code classFilterMode} set and the source kept (not serialized) for the filter servers.
     */
    public static SubscriptionData of(String topic, Selector selector) {
        if (selector.type() == Selector.Type.CLASS_FILTER) {
            SubscriptionData s = SubscriptionData.of(topic, SubscriptionData.SUB_ALL, ExpressionType.TAG,
                    System.currentTimeMillis());
            s.setSubString(selector.expression());
            s.setClassFilterMode(true);
            s.setFilterClassSource(selector.javaSource());
            return s;
        }
        return SubscriptionData.of(topic, selector.expression(), selector.type().name(), System.currentTimeMillis());
    }

    /** The heartbeat entry of a consumer group. */
    static ConsumerData consumerData(String group, boolean push, MessageModel model, ConsumeFromWhere from,
                                     Map<String, SubscriptionData> subs) {
        ConsumerData d = new ConsumerData();
        d.setGroupName(group);
        d.setConsumeType(push ? ConsumeType.CONSUME_PASSIVELY : ConsumeType.CONSUME_ACTIVELY);
        d.setMessageModel(io.carrack.remoting.protocol.body.MessageModel.valueOf(model.name()));
        d.setConsumeFromWhere(io.carrack.remoting.protocol.body.ConsumeFromWhere.valueOf(from.name()));
        d.setSubscriptionDataSet(new HashSet<>(subs.values()));
        d.setUnitMode(false);
        return d;
    }
}
