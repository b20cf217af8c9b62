package io.carrack.broker.internal.filter;

import io.carrack.common.message.StoredMessageCodec;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.filter.PropertyFilter;
import java.nio.ByteBuffer;

/**
 * A compiled property filter (SQL92) applied to each candidate message's properties; any evaluation
 * failure means no match.
 *
 * <p>Thread safety: immutable.
 */
public final class PropertyMessageFilter implements MessageFilter {
    private final PropertyFilter filter;

    public PropertyMessageFilter(PropertyFilter filter) {
        this.filter = filter;
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return true;
    }

    @Override
    public boolean matchesMessage(ByteBuffer storedMessage) {
        try {
            return filter.matches(StoredMessageCodec.readProperties(storedMessage));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
