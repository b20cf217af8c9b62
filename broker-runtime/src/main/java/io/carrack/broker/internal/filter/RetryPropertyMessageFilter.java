package io.carrack.broker.internal.filter;

import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;

/**
 * The filter of a pull from a group's {@code %RETRY%} topic when the broker has
 * {@code filterSupportRetry=true} (RocketMQ 4.9.7's retry-aware expression filter): a retried message
 * is matched against the group's property filter of the topic it was first sent to (its
 * {@code RETRY_TOPIC} property), so a SQL92 subscriber gets back only retries its expression accepts.
 * A message without that property, or whose original topic has no property filter in the group, is
 * left to the retry subscription's own filter.
 *
 * <p>Thread safety: immutable; the lookup must be safe for concurrent use.
 */
public final class RetryPropertyMessageFilter implements MessageFilter {
    private final MessageFilter retrySubscription;
    private final Function<String, PropertyFilter> filterOfOriginalTopic;

    /**
     * @param retrySubscription     the filter of the retry topic's own subscription (tags, usually all)
     * @param filterOfOriginalTopic the group's property filter of a topic, or null when it has none
     */
    public RetryPropertyMessageFilter(MessageFilter retrySubscription,
                                      Function<String, PropertyFilter> filterOfOriginalTopic) {
        this.retrySubscription = retrySubscription;
        this.filterOfOriginalTopic = filterOfOriginalTopic;
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return retrySubscription.matchesTagsCode(tagsCode);
    }

    @Override
    public boolean matchesMessage(ByteBuffer storedMessage) {
        if (retrySubscription.needsMessage() && !retrySubscription.matchesMessage(storedMessage)) {
            return false;
        }
        Map<String, String> properties;
        try {
            properties = StoredMessageCodec.readProperties(storedMessage);
        } catch (RuntimeException e) {
            return false;
        }
        String original = properties.get(MessageConst.RETRY_TOPIC);
        if (original == null) {
            return true;
        }
        PropertyFilter filter = filterOfOriginalTopic.apply(original);
        return filter == null || filter.matches(properties);
    }
}
