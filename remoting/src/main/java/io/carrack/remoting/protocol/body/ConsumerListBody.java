package io.carrack.remoting.protocol.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Response body of GET_CONSUMER_LIST_BY_GROUP (38): {@code {"consumerIdList":["cid1","cid2"]}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ConsumerListBody {
    private List<String> consumerIdList = new ArrayList<>();

    public ConsumerListBody() {
    }

    /** Client ids of the group's live consumers. */
    public List<String> getConsumerIdList() {
        return consumerIdList;
    }

    public void setConsumerIdList(List<String> consumerIdList) {
        this.consumerIdList = consumerIdList;
    }
}
