package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/** Round robin: consumer i takes queues i, i + c, i + 2c, ... */
public final class AllocateAverageByCircle implements AllocateStrategy {
    /** The one instance. */
    public static final AllocateAverageByCircle INSTANCE = new AllocateAverageByCircle();

    private AllocateAverageByCircle() {
    }

    @Override
    public String name() {
        return "AVG_BY_CIRCLE";
    }

    @Override
    public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        if (!AllocateChecks.check(clientId, queues, clientIds)) {
            return List.of();
        }
        int index = clientIds.indexOf(clientId);
        List<MessageQueue> result = new ArrayList<>();
        for (int i = index; i < queues.size(); i += clientIds.size()) {
            result.add(queues.get(i));
        }
        return result;
    }
}
