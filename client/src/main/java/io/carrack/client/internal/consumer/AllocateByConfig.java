package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.common.message.MessageQueue;
import java.util.Collection;
import java.util.List;

/** A fixed list of queues. */
public final class AllocateByConfig implements AllocateStrategy {
    private final List<MessageQueue> configured;

    /** Always allocates {@code queues}. */
    public AllocateByConfig(Collection<MessageQueue> queues) {
        this.configured = List.copyOf(queues);
    }

    @Override
    public String name() {
        return "CONFIG";
    }

    @Override
    public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        return configured;
    }
}
