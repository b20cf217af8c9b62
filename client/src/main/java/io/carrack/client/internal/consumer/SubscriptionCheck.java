package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.internal.ClientInstance;
import io.carrack.remoting.protocol.body.CheckClientRequestBody;
import io.carrack.remoting.protocol.body.ExpressionType;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CHECK_CLIENT_CONFIG (46) for property-filter (SQL92) subscriptions, before a consumer starts or
 * subscribes: every broker serving the topic must accept the expression, so a syntax error (with its
 * position) or a broker without {@code enablePropertyFilter} fails at once instead of in the pulls.
 * A topic without a route yet, or a broker that does not answer, cannot be checked; the brokers
 * answer on pull instead.
 */
final class SubscriptionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCheck.class);

    private SubscriptionCheck() {
    }

    /**
     * Checks one subscription with every broker of its topic's cached route.
     *
     * @throws ClientException with the broker's response code and remark if a broker refuses it
     */
    static void check(ClientInstance client, String group, SubscriptionData sub) {
        if (ExpressionType.isTagType(sub.getExpressionType())) {
            return;
        }
        TopicRouteData route = client.cachedRoute(sub.getTopic());
        if (route == null) {
            return;
        }
        CheckClientRequestBody body = new CheckClientRequestBody();
        body.setClientId(client.clientId());
        body.setGroup(group);
        body.setSubscriptionData(sub);
        for (BrokerData bd : route.getBrokerDatas()) {
            String addr = client.anyAddr(bd.getBrokerName());
            if (addr == null) {
                continue;
            }
            try {
                client.api().checkClientConfig(addr, body, client.timeoutMillis());
            } catch (ClientException e) {
                if (e.responseCode() == ClientException.NO_RESPONSE) {
                    LOG.warn("{}: cannot check the {} subscription of {} with broker {}: {}", group,
                            sub.getExpressionType(), sub.getTopic(), addr, e.getMessage());
                    continue;
                }
                throw new ClientException(e.responseCode(), sub.getExpressionType() + " subscription of topic "
                        + sub.getTopic() + " for group " + group + " refused by broker " + bd.getBrokerName() + " ("
                        + addr + "): " + e.getMessage(), e);
            }
        }
    }
}
