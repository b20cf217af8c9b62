package io.carrack.broker.internal.filter;

import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.spi.filter.MessageFilter;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Tag filtering on the consume-queue tags code: an entry matches when its code (as an int) is one of
 * the subscription's tag hash codes, or when the subscription takes everything.
 *
 * <p>Thread safety: immutable.
 */
public final class TagMessageFilter implements MessageFilter {
    private final Set<Integer> codes;
    private final boolean all;

    private TagMessageFilter(Set<Integer> codes, boolean all) {
        this.codes = codes;
        this.all = all;
    }

    /** A filter for a tag subscription; {@link MessageFilter#ALL} for {@code *} or class-filter mode. */
    public static MessageFilter of(SubscriptionData sub) {
        if (sub == null || sub.isClassFilterMode() || sub.subscribesAll()) {
            return MessageFilter.ALL;
        }
        return new TagMessageFilter(Set.copyOf(sub.getCodeSet()), false);
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return all || codes.contains((int) tagsCode);
    }

    @Override
    public boolean matchesMessage(ByteBuffer storedMessage) {
        return true;
    }

    @Override
    public boolean needsMessage() {
        return false;
    }
}
