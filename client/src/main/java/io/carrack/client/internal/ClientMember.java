package io.carrack.client.internal;

import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.Set;

/**
 * A producer or consumer registered with a {@link ClientInstance}: it names the topics whose routes
 * the instance refreshes, hears about new routes, and contributes to the heartbeat.
 *
 * <p>Thread safety: called from the instance's scheduler and I/O threads; implementations must be thread-safe.
 */
public interface ClientMember {
    /** Topics whose routes to keep fresh. */
    Set<String> topics();

    /** A route was fetched. */
    default void onRoute(String topic, TopicRouteData route) {
    }

    /** This member's producer entry of the heartbeat, or null. */
    default ProducerData producerData() {
        return null;
    }

    /** This member's consumer entry of the heartbeat, or null. */
    default ConsumerData consumerData() {
        return null;
    }

    /** A broker said the consumer list of {@code group} changed. */
    default void onConsumerIdsChanged(String group) {
    }
}
