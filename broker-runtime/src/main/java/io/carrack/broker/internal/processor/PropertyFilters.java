package io.carrack.broker.internal.processor;

import io.carrack.broker.BrokerConfig;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.SubscriptionData;

/**
 * The broker's answers to property-filter (non-tag) subscriptions it cannot serve, shared by the
 * pull and CHECK_CLIENT_CONFIG processors. The remarks keep RocketMQ's wording first and then say
 * what to change.
 */
final class PropertyFilters {
    /**
     * Why a subscription is refused.
     *
     * @param code   the response code
     * @param remark the response remark
     */
    record Refusal(int code, String remark) {
    }

    private PropertyFilters() {
    }

    /** The refusal of a non-tag expression type on this broker, or null when it can be served. */
    static Refusal refusal(BrokerConfig config, FilterCache cache, String expressionType) {
        String prefix = "The broker does not support consumer to filter message by " + expressionType;
        if (!config.isEnablePropertyFilter()) {
            return new Refusal(ResponseCode.SYSTEM_ERROR, prefix + ": property filters are disabled on broker "
                    + config.getBrokerName() + " (enablePropertyFilter=false); set enablePropertyFilter=true in its "
                    + "configuration to use " + expressionType + " subscriptions");
        }
        if (!cache.supports(expressionType)) {
            return new Refusal(ResponseCode.SYSTEM_ERROR, prefix + ": no filter plugin for expression type "
                    + expressionType + " is installed on broker " + config.getBrokerName());
        }
        return null;
    }

    /** The remark of a pull whose subscription does not compile. */
    static String parseFailure(String group, SubscriptionData sub, String error) {
        return "parse the consumer's subscription failed, group: " + group + ", topic: " + sub.getTopic() + ", "
                + sub.getExpressionType() + " expression refused: " + error;
    }

    /** The remark of a CHECK_CLIENT_CONFIG whose subscription does not compile. */
    static String checkFailure(SubscriptionData sub, String error) {
        return sub.getExpressionType() + " expression of topic " + sub.getTopic() + " refused: " + error;
    }
}
