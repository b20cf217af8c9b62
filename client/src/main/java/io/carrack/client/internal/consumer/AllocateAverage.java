package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.common.message.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Contiguous blocks: with n queues and c consumers, the first {@code n % c} consumers take
 * {@code n / c + 1} queues, the others {@code n / c}; with n ≤ c, consumer i takes queue i.
 */
public final class AllocateAverage implements AllocateStrategy {
    /** The one instance. */
    public static final AllocateAverage INSTANCE = new AllocateAverage();

    private AllocateAverage() {
    }

    @Override
    public String name() {
        return "AVG";
    }

    @Override
    public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        if (!AllocateChecks.check(clientId, queues, clientIds)) {
            return List.of();
        }
        int n = queues.size();
        int c = clientIds.size();
        int index = clientIds.indexOf(clientId);
        int mod = n % c;
        int size = n <= c ? 1 : (mod > 0 && index < mod ? n / c + 1 : n / c);
        int start = mod > 0 && index < mod ? index * size : index * size + mod;
        int range = Math.min(size, n - start);
        List<MessageQueue> result = new ArrayList<>(Math.max(range, 0));
        for (int i = 0; i < range; i++) {
            result.add(queues.get((start + i) % n));
        }
        return result;
    }
}
